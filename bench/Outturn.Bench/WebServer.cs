using System.Diagnostics;
using System.Net.Sockets;

namespace Outturn.Bench;

/// <summary>The built web app started in its own process on a free loopback port (Production settings, no demo),
/// over a given database (a SQLite file or a PostgreSQL connection string), as the web benchmarks measure it; with
/// <c>loadDemo</c>, it loads and publishes the demo into an empty database as it starts; stopped on dispose.</summary>
internal sealed class WebServer : IDisposable
{
    private readonly Process _process;

    public Uri Address { get; }

    private WebServer(Process process, Uri address) => (_process, Address) = (process, address);

    public static WebServer Start(string dbPath, bool loadDemo = false)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(
            "dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "Outturn.Web.dll"),
                "--urls",
                $"http://127.0.0.1:{port}",
                "--contentRoot",
                Path.Combine(FindRoot(), "src", "Outturn.Web"),
            ]
        )
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Outturn__Database"] = dbPath;
        start.Environment["Outturn__LoadDemo"] = loadDemo ? "true" : "false";
        start.Environment["Outturn__AdminPassword"] = "benchmark password";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        // OUTTURN_BENCH_SERVER_LOG=FILE keeps what the app writes, for finding out why a request failed.
        var log = Environment.GetEnvironmentVariable("OUTTURN_BENCH_SERVER_LOG");
        _ = Keep(process.StandardOutput, log);
        _ = Keep(process.StandardError, log);
        return new WebServer(process, new Uri($"http://127.0.0.1:{port}"));
    }

    private static async Task Keep(StreamReader output, string? log)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            if (log is not null)
            {
                await File.AppendAllTextAsync(log, line + "\n");
            }
        }
    }

    /// <summary>Kills the app at once (SIGKILL): no chance to finish or clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Waits until the app answers that it is ready (its database reachable and up to date).</summary>
    public static async Task ReadyAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == System.Net.HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The web app did not become ready in 120 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    public static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outturn.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName
            ?? throw new InvalidOperationException("Run the benchmark from the repository's build output.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
