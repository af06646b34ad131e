using System.Diagnostics;
using System.Net.Sockets;

namespace Outturn.Bench;

/// <summary>The built web app started in its own process on a free loopback port (Production settings, no demo),
/// over a given SQLite database, as the web benchmarks measure it; stopped on dispose.</summary>
internal sealed class WebServer : IDisposable
{
    private readonly Process _process;

    public Uri Address { get; }

    private WebServer(Process process, Uri address) => (_process, Address) = (process, address);

    public static WebServer Start(string dbPath)
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
        start.Environment["Outturn__LoadDemo"] = "false";
        start.Environment["Outturn__AdminPassword"] = "benchmark password";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new WebServer(process, new Uri($"http://127.0.0.1:{port}"));
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
