namespace Outturn.Web;

/// <summary>The web app's own log events, each with a fixed template (compiled once, not formatted per call).</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} reminder digest(s) for {Organisation}")]
    public static partial void RemindersSent(ILogger logger, int count, string organisation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminders for {Organisation} not sent: {Reason}")]
    public static partial void RemindersFailed(ILogger logger, string organisation, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in with the OpenID Connect provider failed")]
    public static partial void ExternalSignInFailed(ILogger logger, Exception? exception);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Sign-in with {Provider} refused: no Outturn account for {Name}"
    )]
    public static partial void ExternalSignInRefused(ILogger logger, string? provider, string? name);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Created the administrator 'admin' with the password {Password}. It is shown once: sign in and keep "
            + "it safe."
    )]
    public static partial void AdministratorCreated(ILogger logger, string password);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Opening the database ({Database}); its schema is created or upgraded if it needs to be"
    )]
    public static partial void OpeningDatabase(ILogger logger, string database);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Loading the demo council and publishing its papers (first run only)"
    )]
    public static partial void LoadingDemo(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is ready ({Milliseconds} ms)")]
    public static partial void DatabaseReady(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outturn is ready: open {Address} in a browser")]
    public static partial void Ready(ILogger logger, string address);
}
