using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Outturn.Web;

/// <summary>
/// Behind a reverse proxy or load balancer, the client's address and scheme come from the proxy's
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers, trusted only from the proxies configured in
/// <c>Outturn:Proxies</c> (addresses such as <c>10.0.0.5</c>, or networks such as <c>10.0.0.0/24</c>). The address is
/// then the one sign-in and reset limits, lockout and the audit trail see, and the scheme decides secure cookies and
/// HSTS. Without the setting the headers are ignored: anyone can send them.
/// </summary>
public static class Proxies
{
    /// <summary>Reads one configured proxy: an address, or a network in CIDR form; null when it is neither.</summary>
    public static (IPAddress? Address, System.Net.IPNetwork? Network)? Parse(string text)
    {
        var t = text.Trim();
        if (t.Contains('/', StringComparison.Ordinal))
        {
            return System.Net.IPNetwork.TryParse(t, out var network) ? (null, network) : null;
        }

        return IPAddress.TryParse(t, out var address) ? (address, null) : null;
    }

    public static void UseOutturnProxies(this WebApplication app, IReadOnlyList<string> proxies)
    {
        if (proxies.Count == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // The nearest proxy's word only: an address further along the header is the caller's own claim.
            ForwardLimit = 1,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            switch (Parse(proxy))
            {
                case ({ } address, _):
                    options.KnownProxies.Add(address);
                    break;
                case (_, { } network):
                    options.KnownIPNetworks.Add(network);
                    break;
            }
        }

        app.UseForwardedHeaders(options);
    }
}
