using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Outturn.Data.Storage;

namespace Outturn.Web.Api;

/// <summary>
/// Signs in a machine that presents <c>Authorization: Bearer ott_…</c>. The principal carries the token's
/// organisation, scope and name; changes it makes are recorded as the person who made the token.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenStore tokens
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string OrganisationClaim = "outturn:organisation";
    public const string ScopeClaim = "outturn:scope";
    public const string TokenNameClaim = "outturn:token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerOf(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (await tokens.FindActiveAsync(presented, Context.RequestAborted) is not { } token)
        {
            return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, token.CreatedBy),
                new Claim(
                    OrganisationClaim,
                    token.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                ),
                new Claim(ScopeClaim, token.Scope.ToString().ToLowerInvariant()),
                new Claim(TokenNameClaim, token.Name),
            ],
            SchemeName
        );
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    public static string? BearerOf(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header
        && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
}
