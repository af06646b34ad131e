using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Reporting;
using Outturn.Reports;

namespace Outturn.Web.Pages.Reports;

/// <summary>One section of the form: its heading, its words (sub-sections, bullets, tables, charts and framework
/// tables written in the covering report's text form), its place and whether to remove it.</summary>
public sealed class SectionForm
{
    public string? Heading { get; set; }
    public string? Text { get; set; }
    public int? Order { get; set; }
    public bool Remove { get; set; }
}

/// <summary>
/// The officer writes a committee meeting's covering report: the header block, the council's own numbered sections
/// (added, removed, reordered, renamed) around a layout printed as its appendix; saves it as a draft (every save a
/// version, earlier ones readable) and downloads the paper.
/// </summary>
[Authorize(Policy = Policies.WriteReports)]
public sealed class CoveringModel(
    Access access,
    EvaluationService evaluations,
    CoveringPapers papers,
    CoveringDrafts drafts,
    PdfRenderer pdfs
) : PageModel
{
    public IReadOnlyList<string> Committees { get; private set; } = [];
    public IReadOnlyList<CoveringReportDraft> Papers { get; private set; } = [];
    public IReadOnlyList<CoveringReportDraft> History { get; private set; } = [];
    public List<(string Field, string Message)> Errors { get; } = [];

    /// <summary>The version shown, when it is a saved one.</summary>
    public CoveringReportDraft? Shown { get; private set; }

    /// <summary>True when a committee's meeting is chosen and its paper is being written.</summary>
    public bool Editing { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Committee { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Meeting { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Saved { get; set; }

    [BindProperty]
    public string Layout { get; set; } = "quarterly";

    [BindProperty]
    public string? Period { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string Format { get; set; } = "docx";

    [BindProperty]
    public string? AgendaItem { get; set; }

    [BindProperty]
    public string? Author { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty]
    public string? Portfolio { get; set; }

    [BindProperty]
    public List<SectionForm> Sections { get; set; } = [];

    public static string Id(int section) => $"section-{section}";

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        await ReadListsAsync(org, ct);
        if (Committee is null && Meeting is null)
        {
            return Page();
        }

        if (Key() is not { } key)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Editing = true;
        History = await drafts.HistoryAsync(org, key, ct);
        Shown =
            Version is { } v ? History.FirstOrDefault(d => d.Version == v)
            : History.Count > 0 ? History[0]
            : null;
        if (Version is not null && Shown is null)
        {
            return NotFound();
        }

        if (Shown is null)
        {
            Title = $"{(key.Committee.Length == 0 ? "Performance" : key.Committee)}: performance report";
            Fill(CoveringDraft.Standard());
        }
        else
        {
            (Title, Layout, Period) = (Shown.Title, Shown.Layout ?? "none", Shown.Period);
            Fill(CoveringDraft.Parse("saved", Shown.Text, []));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? step, CancellationToken ct)
    {
        var org = await access.OrganisationAsync(User, ct);
        await ReadListsAsync(org, ct);
        var key = Key();
        if (key is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Editing = true;
        History = await drafts.HistoryAsync(org, key, ct);
        ReportLayout? layout =
            Layout == "none" ? null
            : Enum.TryParse<ReportLayout>(Layout, true, out var chosen) && chosen != ReportLayout.Exceptions ? chosen
            : null;
        if (layout is null && Layout != "none")
        {
            Errors.Add(("layout", "Choose the report printed as the appendix, or none"));
        }

        Domain.Periods.Period? period = null;
        if (Period is { Length: > 0 })
        {
            if (Domain.Periods.Period.TryParse(Period.Trim(), out var p, out var error))
            {
                period = p;
            }
            else
            {
                Errors.Add(("period", error));
            }
        }

        if (!OwnHeading.TryRead(Title ?? "", out _, out var title))
        {
            Errors.Add(("title", "Enter a title of " + OwnHeading.Expected));
        }

        var draft = Draft(key);
        if (Errors.Count > 0 || draft is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var paper = await papers.PrepareAsync(org, key.Committee, layout, period, draft, ct);
        foreach (var problem in paper.Problems)
        {
            Errors.Add((Id(0), problem));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (step == "save")
        {
            var saved = await drafts.SaveAsync(
                org,
                key,
                title!,
                layout?.ToString().ToLowerInvariant(),
                period?.ToString(),
                draft.ToString(),
                User.Identity!.Name!,
                ct
            );
            return Redirect(
                $"/reports/covering?committee={Uri.EscapeDataString(key.Committee)}"
                    + $"&meeting={key.Meeting:yyyy-MM-dd}&saved={saved.Version}"
            );
        }

        if (!Enum.TryParse<ReportFormat>(Format, true, out var format) || format is ReportFormat.Csv)
        {
            Errors.Add(("format", "Choose a format"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var doc = await papers.BuildAsync(paper, draft, title!, layout is not null, ct);
        byte[] bytes;
        try
        {
            bytes = await ReportFiles.BytesAsync(doc, format, pdfs, null, ct);
        }
        catch (PdfBusyException)
        {
            Response.Headers.RetryAfter = "5";
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var committeePart = key.Committee.Length == 0 ? "" : Slug.Of(key.Committee) + "-";
        return File(
            bytes,
            ReportFiles.ContentType(format),
            $"{committeePart}covering-report-{key.Meeting:yyyy-MM-dd}.{ReportFiles.Extension(format)}"
        );
    }

    private async Task ReadListsAsync(Organisation org, CancellationToken ct)
    {
        Committees = await evaluations.CommitteesAsync(org, ct);
        Papers = await drafts.PapersAsync(org, ct);
    }

    /// <summary>The committee and meeting asked for, or null with the errors said.</summary>
    private CoveringDraftKey? Key()
    {
        var committee = Committee ?? "";
        if (committee.Length > 0 && !Committees.Contains(committee))
        {
            Errors.Add(("committee", "Choose a committee from the list"));
        }

        if (
            !DateOnly.TryParseExact(
                Meeting?.Trim(),
                ["yyyy-MM-dd", "d/M/yyyy"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var meeting
            )
        )
        {
            Errors.Add(("meeting", "Enter the date of the meeting, for example 24/4/2018"));
        }

        return Errors.Count > 0 ? null : new CoveringDraftKey(committee, meeting);
    }

    /// <summary>The form's sections, in the order asked, as one draft; each section's problems named by its
    /// box.</summary>
    private CoveringDraft? Draft(CoveringDraftKey key)
    {
        var header = new CoveringHeader
        {
            Committee = key.Committee.Length == 0 ? null : key.Committee,
            Meeting = Day(key.Meeting),
            AgendaItem = Blank(AgendaItem),
            Author = Blank(Author),
            Contact = Blank(Contact),
            Portfolio = Blank(Portfolio),
        };
        var sections = new List<CoveringSection>();
        var kept = Sections
            .Select((s, i) => (Form: s, Index: i))
            .Where(s => !s.Form.Remove && (s.Form.Heading is { Length: > 0 } || s.Form.Text is { Length: > 0 }))
            .OrderBy(s => s.Form.Order ?? int.MaxValue)
            .ThenBy(s => s.Index);
        foreach (var (form, index) in kept)
        {
            if (string.IsNullOrWhiteSpace(form.Heading))
            {
                Errors.Add((Id(index) + "-heading", $"Enter a heading for section {index + 1}, or remove it"));
                continue;
            }

            var errors = new List<ImportError>();
            var parsed = CoveringDraft.Parse(
                $"section {index + 1}",
                $"## {form.Heading.Trim()}\n{form.Text ?? ""}",
                errors
            );
            foreach (var error in errors)
            {
                Errors.Add(
                    (Id(index), $"{form.Heading.Trim()}, line {error.Row - 1}: '{error.Value}' is not {error.Expected}")
                );
            }

            sections.AddRange(parsed.Sections);
        }

        return Errors.Count > 0 ? null : new CoveringDraft(header, sections);
    }

    /// <summary>Puts a draft in the form: each numbered section with its words and sub-sections, and an empty one to
    /// add.</summary>
    private void Fill(CoveringDraft draft)
    {
        (AgendaItem, Author, Contact, Portfolio) = (
            draft.Header.AgendaItem,
            draft.Header.Author,
            draft.Header.Contact,
            draft.Header.Portfolio
        );
        Sections = [];
        for (var i = 0; i < draft.Sections.Count; i++)
        {
            var group = draft.Sections.Skip(i).TakeWhile((s, n) => n == 0 || s.Level > 1).ToList();
            var text = new CoveringDraft(new CoveringHeader(), group).ToString();
            var body = text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..].TrimEnd('\n');
            Sections.Add(
                new SectionForm
                {
                    Heading = group[0].Heading,
                    Text = body,
                    Order = Sections.Count + 1,
                }
            );
            i += group.Count - 1;
        }

        Sections.Add(new SectionForm { Order = Sections.Count + 1 });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
