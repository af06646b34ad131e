using Microsoft.EntityFrameworkCore;
using Outturn.Data.Cycle;
using Outturn.Data.Storage;

namespace Outturn.Web;

/// <summary>
/// Sends reminder digests when email is configured: at start, then every <see
/// cref="ReminderOptions.IntervalMinutes"/>. Each reminder is claimed in the database before it is sent (<see
/// cref="ReminderService"/>), so several instances on one database may all run this and none sends twice.
/// </summary>
public sealed class ReminderScheduler(
    IServiceScopeFactory scopes,
    OutturnOptions options,
    TimeProvider clock,
    ILogger<ReminderScheduler> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Reminders.IntervalMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One look: every organisation's digests due now.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutturnDbContext>();
        List<Data.Entities.Organisation> organisations;
        try
        {
            organisations = await db.Organisations.AsNoTracking().ToListAsync(ct);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            Log.RemindersFailed(logger, "every organisation", ex.Message);
            return;
        }

        var service = new ReminderService(
            db,
            clock,
            options.Email,
            options.Reminders.Settings() ?? new Domain.Cycle.ReminderSettings(),
            options.PublicBaseAddress
        );
        foreach (var org in organisations)
        {
            try
            {
                var sent = await service.SendAsync(org, period: null, ct);
                if (sent.Count > 0)
                {
                    Log.RemindersSent(logger, sent.Count, org.Name);
                }
            }
            catch (OutturnException ex)
            {
                Log.RemindersFailed(logger, org.Name, ex.Message);
            }
        }
    }
}
