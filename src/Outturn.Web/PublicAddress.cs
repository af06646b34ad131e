namespace Outturn.Web;

/// <summary>Absolute links from the configured public base address (Outturn:PublicBaseAddress), never from the
/// request's Host header, which any caller can set; without one, links are relative to the host the caller
/// used.</summary>
public static class PublicAddress
{
    public static string Of(HttpContext http, string pathAndQuery)
    {
        var configured = http.RequestServices.GetRequiredService<OutturnOptions>().PublicBaseAddress;
        return string.IsNullOrWhiteSpace(configured) ? pathAndQuery : configured.TrimEnd('/') + pathAndQuery;
    }
}
