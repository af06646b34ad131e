using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Cycle;
using Outturn.Data.Interchange;
using Outturn.Data.Storage;
using Outturn.Domain.Periods;

namespace Outturn.Web.Pages.Targets;

/// <summary>A year's targets in one grid, for the whole organisation or one committee: every measure's target for the
/// year and for each of its periods, last year's carried forward where none is set yet, saved all or nothing with
/// every change in the measures' history. A measure owner sees their own measures and proposes targets; a
/// performance officer sees the proposals in the grid and accepts or changes them by saving.</summary>
[Authorize(Policy = Policies.EnterFigures)]
public sealed class IndexModel(Access access, EvaluationService evaluations, TargetGridService grid, TimeProvider clock)
    : PageModel
{
    /// <summary>One input of the grid as posted.</summary>
    public sealed class CellInput
    {
        public string? Ref { get; set; }
        public string? Period { get; set; }
        public string? Target { get; set; }
    }

    public IReadOnlyList<string> Committees { get; private set; } = [];
    public string? Committee { get; private set; }
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<TargetRow> Rows { get; private set; } = [];
    public string? Saved { get; private set; }

    /// <summary>Whether this person sets targets (a performance officer or administrator), rather than proposing
    /// them for their own measures.</summary>
    public bool Sets => User.Allows(Policies.SetTargets);

    /// <summary>Proposals no officer has decided yet, by item and period.</summary>
    public IReadOnlyDictionary<(int ItemId, Period Period), PendingProposal> Pending { get; private set; } =
        new Dictionary<(int, Period), PendingProposal>();

    /// <summary>Problems by the index of the input they concern.</summary>
    public Dictionary<int, string> CellErrors { get; } = [];
    public List<string> Problems { get; } = [];

    [BindProperty]
    public List<CellInput> Cells { get; set; } = [];

    /// <summary>Why targets of locked months are changing, if they are.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public static string YearLabel(int startYear) => Period.FinancialYear(startYear).ToString();

    public async Task OnGetAsync(string? committee, int? year, string? saved, CancellationToken ct)
    {
        await LoadAsync(committee, year, ct);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(string? committee, int? year, CancellationToken ct)
    {
        await LoadAsync(committee, year, ct);
        var org = await access.OrganisationAsync(User, ct);
        var inputs = Cells.Select(c => new TargetInput(c.Ref ?? "", c.Period ?? "", c.Target)).ToList();
        try
        {
            if (!Sets)
            {
                var count = await grid.ProposeAsync(org, Rows, inputs, User.Identity!.Name!, ct);
                return Redirect(
                    $"/targets?year={Year}"
                        + (Committee is null ? "" : $"&committee={Uri.EscapeDataString(Committee)}")
                        + $"&saved={Uri.EscapeDataString($"{count} proposed for a performance officer to approve")}"
                );
            }

            var result = await grid.SaveAsync(
                org,
                inputs,
                User.Identity!.Name!,
                string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(),
                ct
            );
            var words = $"{result.EntriesAdded} added, {result.FieldChanges} changed";
            return Redirect(
                $"/targets?year={Year}"
                    + (Committee is null ? "" : $"&committee={Uri.EscapeDataString(Committee)}")
                    + $"&saved={Uri.EscapeDataString(words)}"
            );
        }
        catch (ImportRejectedException ex)
        {
            foreach (var error in ex.Errors)
            {
                var index = error.Row - 2;
                var message = $"{error.Value}: expected {error.Expected}";
                if (index >= 0 && index < inputs.Count)
                {
                    var input = inputs[index];
                    CellErrors.TryAdd(index, $"{input.Ref}, {PeriodWords(input.Period)}: {message}");
                }
                else
                {
                    Problems.Add(error.ToString());
                }
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>What the input at <paramref name="index"/> shows: what was posted, else the grid's starting
    /// value.</summary>
    public string? ValueAt(int index, TargetRow row, Domain.Cycle.TargetCell cell) =>
        index < Cells.Count ? Cells[index].Target
        : ProposalAt(row, cell) is { } proposal ? proposal.Target
        : cell.Starting;

    /// <summary>The pending proposal for a cell, if any.</summary>
    public PendingProposal? ProposalAt(TargetRow row, Domain.Cycle.TargetCell cell) =>
        Pending.GetValueOrDefault((row.Item.Id, cell.Period));

    private static string PeriodWords(string period) => Period.TryParse(period, out var p) ? p.Label : period;

    private async Task LoadAsync(string? committee, int? year, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        Committees = await evaluations.CommitteesAsync(org, ct);
        Committee = Committees.FirstOrDefault(c => c == committee);
        var latest = await evaluations.ReportingPeriodAsync(org, PeriodKind.Month, clock.GetUtcNow(), ct);
        // The year the next month falls in: at a year's end, the coming year is the one to plan.
        var coming = latest.Next().FinancialYearEnding().Year;
        Years = [coming - 2, coming - 1, coming, coming + 1];
        Year = year is { } y && Years.Contains(y) ? y : coming;
        Rows = await grid.ReadAsync(org, Committee, Year, ct);
        if (!Sets)
        {
            var user = await access.UserAsync(User);
            Rows = [.. Rows.Where(r => user is not null && Access.Owns(user, r.Item))];
        }

        Pending = await grid.PendingAsync(org, ct);
    }
}
