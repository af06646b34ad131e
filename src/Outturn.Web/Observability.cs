using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Outturn.Web;

/// <summary>Settings under "Outturn:Telemetry".</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OpenTelemetry collector's OTLP/HTTP address (http://collector:4318): traces and metrics are sent
    /// there. Without it (and without OTEL_EXPORTER_OTLP_ENDPOINT) nothing is collected or sent.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How the log is written to the console: <c>json</c> (one object a line, with the request id and the
    /// person in its scopes; the default outside Development) or <c>text</c>.</summary>
    public string? LogFormat { get; set; }

    /// <summary>The endpoint in use: the setting, else the standard environment variable.</summary>
    public Uri? Endpoint() =>
        (OtlpEndpoint ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")) is { Length: > 0 } text
            ? new Uri(text)
            : null;
}

/// <summary>
/// Logs, traces and metrics for a council's IT team (docs/operations.md): the log as JSON lines in Production, each
/// with its request's id and the person signed in; and, when a collector is configured, OpenTelemetry traces (ASP.NET
/// Core, EF Core, PostgreSQL, outgoing HTTP, Outturn's jobs) and metrics (requests, the runtime, PostgreSQL,
/// Outturn's jobs) over OTLP.
/// </summary>
public static class Observability
{
    public static void AddOutturnObservability(this WebApplicationBuilder builder, TelemetryOptions options)
    {
        var json = (options.LogFormat ?? (builder.Environment.IsDevelopment() ? "text" : "json")) == "json";
        if (json)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        if (options.Endpoint() is not { } endpoint)
        {
            return;
        }

        builder
            .Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("outturn"))
            .WithTracing(t =>
                t.AddSource(Data.Diagnostics.Jobs.Name, "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation()
            )
            .WithMetrics(m =>
                m.AddMeter(Data.Diagnostics.Jobs.Name, "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
            )
            .UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, endpoint);
    }

    /// <summary>Every log written while a signed-in person's request is handled names them (a scope "Person"),
    /// beside the request id that ASP.NET Core's own scope carries.</summary>
    public static IApplicationBuilder UsePersonInLogs(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Outturn");
        return app.Use(
            async (context, next) =>
            {
                if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
                {
                    using (logger.BeginScope(new Dictionary<string, object?> { ["Person"] = name }))
                    {
                        await next(context);
                    }

                    return;
                }

                await next(context);
            }
        );
    }
}
