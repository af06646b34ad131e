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
}
