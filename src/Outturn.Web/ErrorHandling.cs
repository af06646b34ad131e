using Microsoft.AspNetCore.Diagnostics;

namespace Outturn.Web;

/// <summary>
/// The one place an unhandled exception ends, in every environment: logged with the request's id; the API and
/// open data answer with a ProblemDetails naming that id (a problem a person can fix, an <see
/// cref="OutturnException"/>, is a 400 with its words); pages get the GOV.UK error page (Pages/Error). Never a stack
/// trace.
/// </summary>
public sealed partial class OutturnExceptionHandler(ILogger<OutturnExceptionHandler> log) : IExceptionHandler
{
    private static readonly PathString[] MachineAddresses = ["/api/v1", "/open-data", "/openapi"];

    public static bool IsMachineAddress(string path) =>
        MachineAddresses.Any(p => new PathString(path).StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken
    )
    {
        if (DatabaseOutage.Is(exception))
        {
            await DatabaseOutage.AnswerAsync(httpContext, log);
            return true;
        }

        var fixable = exception is OutturnException;
        if (fixable)
        {
            Refused(log, httpContext.TraceIdentifier, exception.Message);
        }
        else
        {
            Failed(log, exception, httpContext.TraceIdentifier);
        }

        // The middleware has already pointed the request at /Error; the address asked for is in the feature.
        var asked = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!IsMachineAddress(asked))
        {
            // Pages: the exception handler middleware shows /Error, the GOV.UK error page with the request's id.
            return false;
        }

        // Written whatever the caller accepts: a machine reading the API always gets the problem in JSON.
        var status = fixable ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
        await Results
            .Problem(
                statusCode: status,
                title: fixable ? "Refused" : "Something went wrong",
                detail: fixable
                    ? exception.Message
                    : $"The request could not be completed. Give the service desk this reference: "
                        + $"{httpContext.TraceIdentifier}.",
                extensions: new Dictionary<string, object?> { ["request_id"] = httpContext.TraceIdentifier }
            )
            .ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} refused: {Problem}")]
    private static partial void Refused(ILogger logger, string requestId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string requestId);
}
