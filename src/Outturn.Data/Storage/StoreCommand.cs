using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Outturn.Data.Storage;

/// <summary>One plain SQL command on the context's connection, inside its transaction where it has one, without EF's
/// query pipeline: for the few reads and writes that run on every request or at a command's start (the data version,
/// the migration check, the importer's organisations, <see cref="UntrackedInsert"/>). The connection is opened for
/// the call and let go after; one EF already holds open stays open.</summary>
internal static class StoreCommand
{
    public static async Task<T> RunAsync<T>(
        OutturnDbContext db,
        string text,
        Func<DbCommand, Task<T>> run,
        CancellationToken ct
    )
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = text;
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static Task RunAsync(OutturnDbContext db, string text, Func<DbCommand, Task> run, CancellationToken ct) =>
        RunAsync(
            db,
            text,
            async command =>
            {
                await run(command);
                return true;
            },
            ct
        );

    /// <summary>A parameter added to <paramref name="command"/>, named <paramref name="name"/>.</summary>
    public static DbParameter Parameter(DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value ?? DBNull.Value);
        command.Parameters.Add(parameter);
        return parameter;
    }
}
