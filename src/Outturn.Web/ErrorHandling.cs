using Microsoft.AspNetCore.Diagnostics;

namespace Outturn.Web;

/// <summary>
/// The one place an unhandled exception ends, in every environment: logged with the request's id; the API and
/// open data answer with a ProblemDetails naming that id (a problem a person can fix, an <see cref="OutturnException"/>,
/// is a 400 with its words); pages get the GOV.UK error page (Pages/Error). Never a stack trace.
/// </summary>
public sealed class OutturnExceptionHandler(ILogger<OutturnExceptionHandler> log) : IExceptionHandler
{
    private static readonly PathString[] MachineAddresses = ["/api/v1", "/open-data", "/openapi"];

    public static bool IsMachineAddress(string path) =>
        MachineAddresses.Any(p => new PathString(path).StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var fixable = exception is OutturnException;
        if (fixable)
        {
            log.LogWarning("Request {RequestId} refused: {Message}", http.TraceIdentifier, exception.Message);
        }
        else
        {
            log.LogError(exception, "Request {RequestId} failed", http.TraceIdentifier);
        }

        // The middleware has already pointed the request at /Error; the address asked for is in the feature.
        var asked = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!IsMachineAddress(asked))
        {
            // Pages: the exception handler middleware shows /Error, the GOV.UK error page with the request's id.
            return false;
        }

        // Written whatever the caller accepts: a machine reading the API always gets the problem in JSON.
        var status = fixable ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
        await Results.Problem(
            statusCode: status,
            title: fixable ? "Refused" : "Something went wrong",
            detail: fixable ? exception.Message : $"The request could not be completed. Give the service desk this reference: {http.TraceIdentifier}.",
            extensions: new Dictionary<string, object?> { ["request_id"] = http.TraceIdentifier }).ExecuteAsync(http);
        return true;
    }
}
