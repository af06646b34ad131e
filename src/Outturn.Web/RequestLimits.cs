using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace Outturn.Web;

/// <summary>
/// Limits on what one caller may ask for in a minute, on top of the lockout of an account after five wrong passwords:
/// sign-in attempts per client address (<see cref="SignInsPerMinute"/>: guessing across many accounts from one address
/// is slowed too), requests for password reset links per address (<see cref="ResetLinksPerMinute"/>), API calls per
/// token (<see cref="ApiPerMinute"/>) and uploads per person (<see cref="UploadsPerMinute"/>).
/// A refusal is 429 with Retry-After.
/// </summary>
public static class RequestLimits
{
    public const int SignInsPerMinute = 20;

    /// <summary>Asking for password reset links, per client address: each sends an email.</summary>
    public const int ResetLinksPerMinute = 5;
    public const int ApiPerMinute = 1200;
    public const int UploadsPerMinute = 30;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var path = http.Request.Path;
                if (
                    HttpMethods.IsPost(http.Request.Method)
                    && path.StartsWithSegments("/account/sign-in", StringComparison.OrdinalIgnoreCase)
                )
                {
                    return Window("sign-in " + http.Connection.RemoteIpAddress, SignInsPerMinute);
                }

                if (
                    HttpMethods.IsPost(http.Request.Method)
                    && path.StartsWithSegments("/account/forgot-password", StringComparison.OrdinalIgnoreCase)
                )
                {
                    return Window("reset " + http.Connection.RemoteIpAddress, ResetLinksPerMinute);
                }

                if (
                    path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    && Api.ApiTokenAuthentication.BearerOf(http.Request) is { } token
                )
                {
                    // By the token's hash, so that the limiter's keys hold no secret.
                    return Window(
                        "api " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16],
                        ApiPerMinute
                    );
                }

                if (
                    HttpMethods.IsPost(http.Request.Method)
                    && path.StartsWithSegments("/upload", StringComparison.OrdinalIgnoreCase)
                )
                {
                    return Window(
                        "upload " + (http.User.Identity?.Name ?? http.Connection.RemoteIpAddress?.ToString()),
                        UploadsPerMinute
                    );
                }

                return RateLimitPartition.GetNoLimiter("unlimited");
            });
        });

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetSlidingWindowLimiter(
            key,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }
        );
}
