using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;
using Outturn.Data.Storage;

namespace Outturn.Web.Pages.Admin;

/// <summary>API tokens for the organisation's machines: made here (the secret is shown once), listed,
/// revoked.</summary>
[Authorize(Policy = Policies.ManageTokens)]
public sealed class TokensModel(Access access, ApiTokenStore tokens, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The page of tokens the table shows: found by <c>?q=</c> in what each is for or who made it, and
    /// <c>?status=active|expired|revoked|disabled</c>.</summary>
    public Paged<ApiToken> Shown { get; private set; } = Paged.Of<ApiToken>([], 1, PageSize);
    public string? Search { get; private set; }
    public string? StatusFilter { get; private set; }
    public bool Filtered => Search is not null || StatusFilter is not null;

    public static readonly IReadOnlyList<(string Code, string Words)> Statuses =
    [
        ("active", "Active"),
        ("expired", "Expired"),
        ("revoked", "Revoked"),
        ("disabled", "Disabled"),
    ];
    public List<(string Field, string Message)> Errors { get; } = [];
    public string? Issued { get; private set; }
    public string? IssuedName { get; private set; }
    public string? Revoked { get; private set; }
    public DateTime Now { get; private set; }
    public HashSet<int> Entitled { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Scope { get; set; }

    [BindProperty]
    public int Days { get; set; } = 90;

    public static readonly IReadOnlyList<int> Lifetimes = [30, 90, 180, 365];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (string.IsNullOrWhiteSpace(Name))
        {
            Errors.Add(("token-name", "Enter what the token is for"));
        }

        if (!Enum.TryParse<ApiScope>(Scope, true, out var scope) || int.TryParse(Scope, out _))
        {
            Errors.Add(("scope", "Choose whether the token may write or only read"));
        }

        if (!Lifetimes.Contains(Days))
        {
            Errors.Add(("days", "Choose how long the token lasts"));
        }

        if (Errors.Count == 0)
        {
            var issued = await tokens.IssueAsync(
                org.Id,
                Name!,
                scope,
                TimeSpan.FromDays(Days),
                User.Identity!.Name!,
                ct
            );
            (Issued, IssuedName, Name, Scope) = (issued.Secret, issued.Token.Name, null, null);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        if (!await tokens.RevokeAsync(org.Id, id, User.Identity!.Name!, ct))
        {
            return NotFound();
        }

        await LoadAsync(ct);
        Revoked = Tokens.First(t => t.Id == id).Name;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        Tokens = await tokens.ListAsync(org.Id, ct);
        Entitled = await tokens.MakersEntitledAsync(Tokens, ct);
        Now = clock.GetUtcNow().UtcDateTime;
        Search = ListSearch.Parameter(Request, "q");
        var status = ListSearch.Parameter(Request, "status");
        StatusFilter = Statuses.Any(x => x.Code == status) ? status : null;
        Shown = Paged.Of(
            [
                .. Tokens.Where(t =>
                    ListSearch.Matches(Search, t.Name, t.CreatedBy)
                    && (StatusFilter is null || StatusCodeOf(t) == StatusFilter)
                ),
            ],
            ListSearch.Page(Request),
            PageSize
        );
    }

    /// <summary>A token's status as one of <see cref="Statuses"/>' codes.</summary>
    public string StatusCodeOf(ApiToken t) =>
        t.RevokedAt is not null ? "revoked"
        : t.ExpiresAt <= Now ? "expired"
        : Entitled.Contains(t.Id) ? "active"
        : "disabled";

    public string StatusOf(ApiToken t) =>
        StatusCodeOf(t) == "disabled"
            ? $"Disabled: {t.CreatedBy} no longer has the access it needs"
            : Statuses.First(s => s.Code == StatusCodeOf(t)).Words;
}
