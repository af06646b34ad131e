using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Outturn.Testing;

/// <summary>
/// A PostgreSQL cluster of a test's own, on a free loopback port, that the test may stop and start (the suite's shared
/// cluster must stay up for every other test): initdb and pg_ctl from the installed PostgreSQL, run as the postgres
/// user when the tests run as root (initdb refuses root), as scripts/test.sh does.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly int _port;

    private PostgresCluster(string bin, string dir, int port) => (_bin, _dir, _port) = (bin, dir, port);

    /// <summary>The cluster's own database "postgres", as its one user.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={_port};Username=outturn;Database=postgres;Timeout=5;Command Timeout=30";

    public static async Task<PostgresCluster> StartAsync()
    {
        var cluster = await CreateAsync();
        await cluster.PgAsync(
            "initdb",
            "-D",
            Path.Combine(cluster._dir, "data"),
            "--auth=trust",
            "--username=outturn",
            "-E",
            "UTF8"
        );
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>A streaming standby of this cluster, on a port of its own: a base backup taken with
    /// <c>pg_basebackup -R</c> (which writes the standby's settings), started read-only, replaying the primary's
    /// log as it comes.</summary>
    public async Task<PostgresCluster> StartStandbyAsync()
    {
        var standby = await CreateAsync();
        await standby.PgAsync(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U",
            "outturn",
            "-D",
            Path.Combine(standby._dir, "data"),
            "-R",
            "-X",
            "stream"
        );
        await standby.StartAgainAsync();
        return standby;
    }

    /// <summary>Where the server listens.</summary>
    public int Port => _port;

    private static async Task<PostgresCluster> CreateAsync()
    {
        var bin =
            Directory
                .GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, null))
                .LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run the tests with scripts/test.sh.");
        var dir = Directory.CreateTempSubdirectory("outturn-cluster-").FullName;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            var cluster = new PostgresCluster(bin, dir, ((IPEndPoint)listener.LocalEndpoint).Port);
            listener.Stop();
            if (AsRoot)
            {
                await RunAsync("chown", "postgres", dir);
            }

            return cluster;
        }
    }

    /// <summary>Stops the server, as an operator's restart does (fast: open sessions are ended).</summary>
    public Task StopAsync() => PgCtlAsync("stop", "-m", "fast");

    public Task StartAgainAsync() =>
        PgCtlAsync(
            "start",
            "-l",
            Path.Combine(_dir, "log"),
            "-o",
            $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        );

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgCtlAsync("stop", "-m", "immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static bool AsRoot => Environment.UserName == "root";

    private Task PgCtlAsync(params string[] args) =>
        PgAsync("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-w", .. args]);

    private Task PgAsync(string program, params string[] args) =>
        AsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. args])
            : RunAsync(Path.Combine(_bin, program), args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}"
            );
        }
    }
}
