namespace Outturn.Data.Entities;

/// <summary>
/// A file uploaded for a preview, waiting for its officer to confirm the import. Kept in the database rather than on
/// one instance's disk, so that the preview made by one instance can be confirmed on another; removed when
/// confirmed, and after a day if never confirmed.
/// </summary>
public sealed class UploadFile
{
    public long Id { get; set; }

    /// <summary>The preview the file belongs to (a random id, 32 hex digits).</summary>
    public required string Batch { get; set; }

    public int OrganisationId { get; set; }

    /// <summary>Who previewed it: only they may confirm it.</summary>
    public required string UserName { get; set; }

    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public DateTime CreatedAt { get; set; }
}
