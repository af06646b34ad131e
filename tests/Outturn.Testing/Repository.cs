namespace Outturn.Testing;

/// <summary>The repository the tests run from: its root is the folder holding Outturn.slnx.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the root, such as <c>PathOf("demo", "values.csv")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Where tests leave files for people to look at (rendered pages, screenshots), made if missing.</summary>
    public static string Artefacts(string kind) => Directory.CreateDirectory(PathOf("artifacts", kind)).FullName;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outturn.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
