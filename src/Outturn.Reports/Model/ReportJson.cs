using System.Text.Json;

namespace Outturn.Reports.Model;

/// <summary>A report document as JSON, to keep exactly what was published: read back, it renders to the same page
/// and files as when it was made, whatever has changed in the figures since.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Write(ReportDocument document) => JsonSerializer.Serialize(document, Options);

    public static ReportDocument Read(string json) =>
        JsonSerializer.Deserialize<ReportDocument>(json, Options)
        ?? throw new InvalidOperationException("An empty report snapshot.");
}
