using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Outturn.Data.Storage;

namespace Outturn.Web;

/// <summary>
/// Health endpoints for a load balancer or orchestrator, open to anyone and saying nothing but Healthy or Unhealthy:
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers and has no migration
/// waiting, so this instance can serve).
/// </summary>
public static class Health
{
    public static IServiceCollection AddOutturnHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReady>("database", tags: ["ready"]);
        return services;
    }

    public static void MapOutturnHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous();
    }

    private sealed class DatabaseReady(OutturnDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context,
            CancellationToken ct = default
        )
        {
            try
            {
                if (!await db.Database.CanConnectAsync(ct))
                {
                    return HealthCheckResult.Unhealthy("The database does not answer.");
                }

                return (await db.Database.GetPendingMigrationsAsync(ct)).Any()
                    ? HealthCheckResult.Unhealthy("The database has migrations waiting.")
                    : HealthCheckResult.Healthy();
            }
            catch (Exception ex)
                when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.", ex);
            }
        }
    }
}
