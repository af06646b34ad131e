using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Outturn.Web.Tests;

/// <summary>Logs name the request and the person; traces and metrics go to an OpenTelemetry collector only when one
/// is configured.</summary>
public class ObservabilityTests
{
    [Fact]
    public async Task Traces_and_metrics_are_sent_over_OTLP_to_a_configured_collector_with_the_jobs_outcomes()
    {
        await using var collector = await Collector.StartAsync();
        var (plain, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        plain.Dispose();
        var factory = new OutturnFactory(database)
        {
            Settings = new Dictionary<string, string> { ["Outturn:Telemetry:OtlpEndpoint"] = collector.Address },
        };
        try
        {
            var admin = await factory.SignedInAsync("admin", OutturnFactory.AdminPassword);
            Assert.Contains(
                "Cabinet",
                await admin.GetStringAsync("/committees/Cabinet?period=2018-03"),
                StringComparison.Ordinal
            );
            using var csv = await admin.GetAsync("/reports/dashboard?committee=Cabinet&period=2018-03&format=csv");
            Assert.True(csv.IsSuccessStatusCode);
            // What the exporters hold is sent now, however slow the machine (waiting up to half a minute).
            Assert.True(factory.Services.GetRequiredService<OpenTelemetry.Trace.TracerProvider>().ForceFlush(30_000));
            Assert.True(factory.Services.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>().ForceFlush(30_000));
        }
        finally
        {
            factory.Dispose();
        }

        var traces = collector.Received("/v1/traces");
        Assert.True(traces.Contains("outturn", StringComparison.Ordinal), collector.Summary());
        Assert.Contains("GET committees/{committee}", traces, StringComparison.Ordinal);
        Assert.Contains("outturn.report", traces, StringComparison.Ordinal);
        var metrics = collector.Received("/v1/metrics");
        Assert.Contains("http.server.request.duration", metrics, StringComparison.Ordinal);
        Assert.Contains("outturn.job.duration", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_collector_nothing_is_collected_and_the_log_is_json_lines_naming_the_person()
    {
        var (plain, database) = await OutturnFactory.CreateAsync("sqlite");
        await using var db = database;
        plain.Dispose();
        var scopes = new ScopeCapture();
        using var factory = new OutturnFactory(database)
        {
            Settings = new Dictionary<string, string> { ["Outturn:Telemetry:LogFormat"] = "json" },
        }.WithWebHostBuilder(b =>
            b.ConfigureLogging(l =>
                l.AddProvider(scopes).AddFilter<ScopeCapture>("Microsoft.AspNetCore.Routing", LogLevel.Trace)
            )
        );
        Assert.Null(factory.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(factory.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        var console = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.True(
            factory
                .Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>()
                .CurrentValue.IncludeScopes
        );

        var client = factory.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        await OutturnFactory.SignInAsync(client, "admin", OutturnFactory.AdminPassword);
        await client.GetStringAsync("/admin/scheme");
        Assert.Contains(
            scopes.Seen,
            s => s.ContainsKey("RequestId") && s.TryGetValue("Person", out var who) && Equals(who, "admin")
        );
    }

    /// <summary>A stand-in OpenTelemetry collector: an HTTP server that keeps what is posted to it, by path.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _posts = new();

        private Collector(WebApplication app) => _app = app;

        public string Address { get; private set; } = "";

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new Collector(app);
            app.MapPost(
                "/v1/{signal}",
                async (HttpContext context, string signal) =>
                {
                    using var body = new MemoryStream();
                    await context.Request.Body.CopyToAsync(body);
                    collector._posts.GetOrAdd("/v1/" + signal, _ => new()).Enqueue(body.ToArray());
                    return Results.Ok();
                }
            );
            await app.StartAsync();
            collector.Address = app.Urls.First();
            return collector;
        }

        /// <summary>Everything posted to <paramref name="path"/>, its bytes read as text (OTLP's protobuf keeps
        /// names as plain UTF-8).</summary>
        public string Received(string path) =>
            string.Concat(_posts.GetValueOrDefault(path)?.Select(b => Encoding.UTF8.GetString(b)) ?? []);

        public string Summary() => string.Join(", ", _posts.Select(p => $"{p.Key}: {p.Value.Count}"));

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }

    /// <summary>A log provider that keeps the scopes in force at each log written.</summary>
    private sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public ConcurrentQueue<Dictionary<string, object?>> Seen { get; } = new();

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(ScopeCapture owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes?.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(
                LogLevel logLevel,
                EventId eventId,
                TState state,
                Exception? exception,
                Func<TState, Exception?, string> formatter
            )
            {
                var values = new Dictionary<string, object?>();
                owner._scopes?.ForEachScope(
                    (scope, all) =>
                    {
                        if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        {
                            foreach (var (key, value) in pairs)
                            {
                                all[key] = value;
                            }
                        }
                    },
                    values
                );
                owner.Seen.Enqueue(values);
            }
        }
    }
}
