using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Outturn.Data.Diagnostics;

/// <summary>
/// Outturn's own telemetry, in .NET's built-in tracing and metrics (exported over OpenTelemetry by the web app when
/// an endpoint is configured; nothing is collected otherwise): each import, report and email job is a span named
/// <c>outturn.JOB</c>, and its duration is recorded in the histogram <c>outturn.job.duration</c> (seconds) with the
/// job and its outcome (<c>ok</c>, <c>refused</c> for bad input, <c>cancelled</c> or <c>failed</c>).
/// </summary>
public static class Jobs
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Outturn";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "outturn.job.duration",
        "s",
        "How long each import, report and email job took, by job and outcome."
    );

    /// <summary>Runs <paramref name="work"/> as the job <paramref name="job"/> (import, report, email…), recording
    /// its span, duration and outcome; its exception, if any, is passed on unchanged.</summary>
    public static async Task<T> RunAsync<T>(string job, Func<Task<T>> work)
    {
        using var activity = Source.StartActivity("outturn." + job);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await work();
            outcome = "ok";
            return result;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (Exception e) when (e is Domain.OutturnException or Interchange.ImportRejectedException)
        {
            outcome = "refused";
            throw;
        }
        finally
        {
            activity?.SetTag("outturn.outcome", outcome);
            if (outcome != "ok")
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            Duration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("job", job),
                new KeyValuePair<string, object?>("outcome", outcome)
            );
        }
    }

    /// <inheritdoc cref="RunAsync{T}(string, Func{Task{T}})"/>
    public static Task RunAsync(string job, Func<Task> work) =>
        RunAsync(
            job,
            async () =>
            {
                await work();
                return true;
            }
        );
}
