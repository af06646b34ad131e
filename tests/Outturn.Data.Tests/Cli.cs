using System.Diagnostics;

namespace Outturn.Data.Tests;

/// <summary>Runs the `outturn` command for tests.</summary>
internal static class Cli
{
    /// <summary>Runs the command in this process, as its own Program does (the same parse and invocation), with
    /// its output and errors written to strings. Tests run in parallel: nothing here touches the process's
    /// console.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string database, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Outturn
            .Cli.OutturnCommand.Build()
            .Parse(["--database", database, .. args])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs the real `outturn` program in a process of its own, from the repository's folder, as a person
    /// would (for what only a process shows: the README's examples as written, exit codes, nothing on the console
    /// but the message).</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunProcessAsync(
        string database,
        params string[] args
    )
    {
        using var process = Process.Start(ProcessStart(database, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>How the real `outturn` program is started on <paramref name="database"/> with
    /// <paramref name="args"/>, its output and errors redirected.</summary>
    public static ProcessStartInfo ProcessStart(string database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (
            var arg in (string[])
                [Path.Combine(AppContext.BaseDirectory, "outturn.dll"), "--database", database, .. args]
        )
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public static List<Dictionary<string, string>> ParseCsv(string text) => CsvRows.Parse(text);
}
