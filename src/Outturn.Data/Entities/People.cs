using Microsoft.AspNetCore.Identity;

namespace Outturn.Data.Entities;

/// <summary>A person who signs in. Belongs to one organisation, except administrators of the whole
/// installation.</summary>
public sealed class OutturnUser : IdentityUser
{
    public int? OrganisationId { get; set; }
    public string DisplayName { get; set; } = "";

    /// <summary>Who is told when this person's figures are long overdue (another person's id); null for no
    /// one.</summary>
    public string? ManagerId { get; set; }

    /// <summary>Who may act for this person and receives their reminders too; null for no one.</summary>
    public string? DeputyId { get; set; }
}

/// <summary>The roles, as the web app checks them.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string PerformanceOfficer = "PerformanceOfficer";
    public const string MeasureOwner = "MeasureOwner";
    public const string Councillor = "Councillor";

    public static readonly IReadOnlyList<string> All = [Administrator, PerformanceOfficer, MeasureOwner, Councillor];

    /// <summary>A role as people say it: "Performance officer", never the stored name.</summary>
    public static string Words(string role) =>
        role switch
        {
            PerformanceOfficer => "Performance officer",
            MeasureOwner => "Measure owner",
            _ => role,
        };
}

/// <summary>A committee's period made public: people without an account may then see it. A correction publishes a new
/// version (the earlier ones are kept as <see cref="PublicationVersion"/>, still readable); a withdrawal hides the
/// figures again, and the public is told it was withdrawn and why.</summary>
public sealed class Publication
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public required string Committee { get; set; }
    public required string Period { get; set; }
    public DateTime PublishedAt { get; set; }
    public required string PublishedBy { get; set; }

    /// <summary>The dashboard as it was published (a report document as JSON): what the public and downloads show
    /// from then on, whatever changes in the figures afterwards. Null for publications made before snapshots.</summary>
    public string? Snapshot { get; set; }

    /// <summary>The saved version of the covering report published with the dashboard (a
    /// <see cref="CoveringReportDraft"/>'s id), or null when it was published without one.</summary>
    public long? CoveringDraftId { get; set; }

    /// <summary>That covering report as it was published (a report document as JSON): later saves of its draft do
    /// not change it.</summary>
    public string? CoveringSnapshot { get; set; }

    /// <summary>1 when first published; one more with each correction.</summary>
    public int Version { get; set; } = 1;
    public DateTime? CorrectedAt { get; set; }
    public string? CorrectedBy { get; set; }

    /// <summary>Why the latest version was published, in words the public sees.</summary>
    public string? CorrectionNote { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawnReason { get; set; }
}

/// <summary>An earlier version of a publication, kept when a correction replaced it: readable, never changed.</summary>
public sealed class PublicationVersion
{
    public long Id { get; set; }
    public int PublicationId { get; set; }
    public int Version { get; set; }
    public string? Snapshot { get; set; }

    /// <summary>When and by whom this version was published, and (from the second) why.</summary>
    public DateTime PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
    public string? Note { get; set; }
}

/// <summary>One saved version of a covering report's draft for a committee's meeting: every save is a new version,
/// earlier ones kept and readable, never changed.</summary>
public sealed class CoveringReportDraft
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }

    /// <summary>The committee the paper goes to ("" for a paper on every committee's figures).</summary>
    public required string Committee { get; set; }
    public DateOnly Meeting { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }

    /// <summary>The layout printed as its appendix ("dashboard", "quarterly", "annual"), or null for none.</summary>
    public string? Layout { get; set; }

    /// <summary>The period the appendix and the charts are for, or null for the latest with figures.</summary>
    public string? Period { get; set; }

    /// <summary>The draft in its text form (<see cref="Domain.Reporting.CoveringDraft"/>).</summary>
    public required string Text { get; set; }
    public DateTime SavedAt { get; set; }
    public required string SavedBy { get; set; }
}
