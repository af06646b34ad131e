using System.Diagnostics;

namespace Outturn.Domain.Tests;

/// <summary>The house rules on the source itself: lines of at most 120 characters, and the code as CSharpier
/// (the repository's .csharpierrc.json) prints it.</summary>
public sealed class SourceTests
{
    private const int MaxLine = 120;

    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outturn.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Outturn.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>Hand-written C# and Razor files: not what a build writes, nor EF Core's generated migrations.</summary>
    private static IEnumerable<string> SourceFiles() =>
        new[] { "src", "tests", "bench" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f =>
                !f.Split(Path.DirectorySeparatorChar)
                    .Any(part => part is "bin" or "obj" or "node_modules" or "Migrations" or "CompiledModels")
            );

    /// <summary>Lines longer than the limit, outside raw string literals (test data and embedded CSS, whose lines
    /// are what they are).</summary>
    public static IEnumerable<string> LongLines(string path, IEnumerable<string> lines)
    {
        var inRaw = false;
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var quotes = CountOf(line, "\"\"\"");
            if (!inRaw && line.Length > MaxLine)
            {
                yield return $"{path}:{number}: {line.Length} characters";
            }
            if (quotes % 2 == 1)
            {
                inRaw = !inRaw;
            }
        }
    }

    private static int CountOf(string line, string what)
    {
        var count = 0;
        for (
            var at = line.IndexOf(what, StringComparison.Ordinal);
            at >= 0;
            at = line.IndexOf(what, at + 3, StringComparison.Ordinal)
        )
        {
            count++;
        }
        return count;
    }

    [Fact]
    public void Long_lines_are_found_outside_raw_literals_only()
    {
        var x = new string('x', MaxLine + 1);
        Assert.Equal(
            ["f:1: 121 characters"],
            LongLines("f", [x, "var s = \"\"\"", x, "\"\"\";", new string('y', MaxLine)])
        );
        Assert.Equal(
            ["f:2: 121 characters", "f:4: 121 characters"],
            LongLines("f", ["var s = \"\"\"one line\"\"\";", x, "ok", x])
        );
    }

    [Fact]
    public void Every_hand_written_line_has_at_most_120_characters()
    {
        var files = SourceFiles().ToList();
        Assert.True(files.Count > 100, $"found only {files.Count} source files under {Root}");
        var found = files.SelectMany(f => LongLines(Path.GetRelativePath(Root, f), File.ReadLines(f))).ToList();
        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Fact]
    public async Task The_code_is_as_CSharpier_prints_it()
    {
        var (restore, restoreOutput) = await RunAsync("tool restore");
        Assert.True(restore == 0, restoreOutput);
        var (check, output) = await RunAsync("csharpier check .");
        Assert.True(check == 0, "Run `dotnet csharpier format .`:\n" + output);
    }

    private static async Task<(int Code, string Output)> RunAsync(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
