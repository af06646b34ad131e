using System.Globalization;

namespace Outturn.Bench;

/// <summary>The state of the machine a benchmark runs on: every run says how busy it was before it started, and says
/// plainly when it was too busy for its figures to be compared with another run's.</summary>
internal static class Machine
{
    /// <summary>Above this one-minute load average (on a machine of two cores) a run's figures are not
    /// comparable.</summary>
    public const double QuietLoad = 1.0;

    /// <summary>The one-minute load average, or null where the system does not say.</summary>
    public static double? LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : null;

    /// <summary>Writes the load average before the run (to standard error, with the progress) and returns a line for
    /// the results: empty when the machine was quiet, else a warning that travels with the figures.</summary>
    public static string Check()
    {
        var load = LoadAverage();
        Console.Error.WriteLine(
            $"load average before the run: {load?.ToString("F2", CultureInfo.InvariantCulture) ?? "unknown"}"
        );
        return load > QuietLoad
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"NOT QUIET: the load average was {load:F2} (above {QuietLoad:F0}) before the run; do not compare "
                    + $"these figures with another run's."
            )
            : "";
    }
}
