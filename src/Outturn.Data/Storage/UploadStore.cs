using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>
/// Uploaded files between preview and confirmation, in the database (<see cref="UploadFile"/>). The importer reads
/// files from paths, so each use writes them to a new private folder that is deleted afterwards.
/// </summary>
public sealed class UploadStore(OutturnDbContext db, TimeProvider clock)
{
    /// <summary>How long an unconfirmed preview is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public async Task<string> SaveAsync(
        int organisationId,
        string user,
        IReadOnlyList<(string Name, byte[] Content)> files,
        CancellationToken ct
    )
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.UploadFiles.Where(f => f.CreatedAt < now - Lifetime).ExecuteDeleteAsync(ct);
        var batch = Guid.NewGuid().ToString("N");
        db.UploadFiles.AddRange(
            files.Select(f => new UploadFile
            {
                Batch = batch,
                OrganisationId = organisationId,
                UserName = user,
                FileName = Path.GetFileName(f.Name),
                Content = f.Content,
                CreatedAt = now,
            })
        );
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return batch;
    }

    /// <summary>The batch's files written to a new private folder, or null when there is no such batch of this person's
    /// for this organisation (or it has expired).</summary>
    public async Task<PrivateFolder?> OpenAsync(string batch, int organisationId, string user, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - Lifetime;
        var files = await db
            .UploadFiles.AsNoTracking()
            .Where(f =>
                f.Batch == batch && f.OrganisationId == organisationId && f.UserName == user && f.CreatedAt >= since
            )
            .ToListAsync(ct);
        if (files.Count == 0)
        {
            return null;
        }

        return await PrivateFolder.WithAsync([.. files.Select(f => (f.FileName, f.Content))], ct);
    }

    public Task DeleteAsync(string batch, CancellationToken ct) =>
        db.UploadFiles.Where(f => f.Batch == batch).ExecuteDeleteAsync(ct);
}

/// <summary>A new folder that only this process's account may read, deleted when disposed.</summary>
public sealed class PrivateFolder : IDisposable
{
    private PrivateFolder(string path) => Path = path;

    public string Path { get; }

    public IReadOnlyList<string> Files => Directory.GetFiles(Path);

    /// <summary>A new private folder holding <paramref name="files"/>.</summary>
    public static async Task<PrivateFolder> WithAsync(
        IReadOnlyList<(string Name, byte[] Content)> files,
        CancellationToken ct
    )
    {
        var folder = Create();
        foreach (var (name, content) in files)
        {
            await File.WriteAllBytesAsync(
                System.IO.Path.Combine(folder.Path, System.IO.Path.GetFileName(name)),
                content,
                ct
            );
        }

        return folder;
    }

    public static PrivateFolder Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "outturn-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new PrivateFolder(path);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or a reader still has it open: the system's temporary folder is cleaned in time.
        }
    }
}
