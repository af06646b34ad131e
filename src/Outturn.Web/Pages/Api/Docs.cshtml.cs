using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Outturn.Web.Pages.Api;

/// <summary>
/// The API reference: the running app's own OpenAPI document, laid out as a GOV.UK page. Served by the app itself,
/// with no script and nothing fetched from another host (a vendor's reference page loaded fonts from the web and
/// failed accessibility checks).
/// </summary>
[AllowAnonymous]
public sealed class DocsModel([FromKeyedServices("v1")] IOpenApiDocumentProvider provider) : PageModel
{
    public OpenApiDocument Document { get; private set; } = null!;

    public sealed record Operation(string Method, string Path, OpenApiOperation Detail)
    {
        public string Anchor =>
            $"{Method}-{Path}".ToLowerInvariant().Replace('/', '-').Replace('{', '_').Replace('}', '_');
    }

    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Document = await provider.GetOpenApiDocumentAsync(ct);
        Operations =
        [
            .. (Document.Paths ?? [])
                .SelectMany(p =>
                    (p.Value.Operations ?? []).Select(o => new Operation(
                        o.Key.Method.ToUpperInvariant(),
                        p.Key,
                        o.Value
                    ))
                )
                .OrderBy(o => o.Path, StringComparer.Ordinal)
                .ThenBy(o => o.Method, StringComparer.Ordinal),
        ];
    }
}
