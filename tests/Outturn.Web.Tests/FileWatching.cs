using System.Runtime.CompilerServices;

namespace Outturn.Web.Tests;

/// <summary>
/// The tests start a web host per test, and each host's file providers (the web root behind
/// <c>asp-append-version</c>, configuration files reloaded on change) would hold inotify instances, of which Linux
/// allows 128 per user by default: past about 150 hosts a page failed with "the configured user limit (128) on the
/// number of inotify instances has been reached". Polling watchers hold none; nothing in the tests changes a watched
/// file.
/// </summary>
internal static class FileWatching
{
#pragma warning disable CA2255 // A test assembly's own set-up, before any host is built.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UsePolling()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }
}
