using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Outturn.Testing;

/// <summary>
/// A real SMTP server on loopback for one test: Debian's aiosmtpd (<c>python3-aiosmtpd</c>, which the test script
/// installs), writing every message it receives to a maildir of its own, read back here with MimeKit.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly TempFolder _folder;

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    private SmtpServer(Process process, TempFolder folder, int port) =>
        (_process, _folder, Port) = (process, folder, port);

    public static async Task<SmtpServer> StartAsync()
    {
        var folder = new TempFolder();
        var port = FreePort();
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (
            var arg in new[]
            {
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                $"127.0.0.1:{port}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                folder.PathOf("mail"),
            }
        )
        {
            start.ArgumentList.Add(arg);
        }

        var process =
            Process.Start(start)
            ?? throw new InvalidOperationException($"Cannot start {Python} -m aiosmtpd (install python3-aiosmtpd).");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"aiosmtpd stopped: {await process.StandardError.ReadToEndAsync()} (install python3-aiosmtpd)"
                );
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new SmtpServer(process, folder, port);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException("aiosmtpd did not start listening within 5 seconds.");
    }

    /// <summary>Every message received so far, in the order they were written (tests that send several find each
    /// by its recipient and subject, not by its place).</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_folder.PathOf("mail"), "new");
        return Directory.Exists(folder)
            ?
            [
                .. Directory
                    .GetFiles(folder)
                    .OrderBy(File.GetLastWriteTimeUtc)
                    .ThenBy(f => f, StringComparer.Ordinal)
                    .Select(f => MimeMessage.Load(f)),
            ]
            : [];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Dispose();
    }
}
