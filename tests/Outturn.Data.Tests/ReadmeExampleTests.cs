using System.Text.RegularExpressions;

namespace Outturn.Data.Tests;

/// <summary>The README's examples of the command run as written, in order, on the demo council: the first as a
/// process of its own (the published command starts and finds its database), the rest in this process through
/// the same parse and invocation (a process each cost about four seconds, most of it starting up).</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task Every_command_example_in_the_readme_runs_on_the_demo()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("## Use the `outturn` command", StringComparison.Ordinal)..];
        var block = Regex.Match(section, "```bash\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var commands = block
            .Split('\n')
            .Select(l => Regex.Replace(l, @"\s+#.*$", "").Trim())
            .Where(l => l.StartsWith("outturn ", StringComparison.Ordinal))
            .ToList();
        Assert.True(commands.Count >= 8, block);
        using var work = new TempFolder();
        var database = Path.Combine(work.Path, "readme.db");
        var outputs = Path.Combine(work.Path, "out");
        Directory.CreateDirectory(outputs);

        foreach (var (command, index) in commands.Select((c, i) => (c, i)))
        {
            var args = Regex
                .Matches(command["outturn ".Length..], "\"([^\"]*)\"|(\\S+)")
                .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
                .Select(a =>
                    a.StartsWith("./", StringComparison.Ordinal)
                    || a.EndsWith(".html", StringComparison.Ordinal)
                    || a.EndsWith(".docx", StringComparison.Ordinal)
                        ? Path.Combine(outputs, a.TrimStart('.', '/'))
                        : a
                )
                .ToArray();
            var (exit, output, error) =
                index == 0 ? await Cli.RunProcessAsync(database, args) : await Cli.RunAsync(database, args);
            Assert.True(exit == 0, $"{command}\n{output}\n{error}");
        }

        Assert.True(File.Exists(Path.Combine(outputs, "dashboard.html")));
        Assert.True(File.Exists(Path.Combine(outputs, "annual.docx")));
        Assert.True(File.Exists(Path.Combine(outputs, "export", "values.csv")));
    }
}
