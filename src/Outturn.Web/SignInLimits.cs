using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Outturn.Web;

/// <summary>
/// Attempts to sign in are limited per client address (20 a minute), on top of the lockout of an account after five
/// wrong passwords: guessing across many accounts from one address is slowed too. A refusal is 429 with Retry-After.
/// </summary>
public static class SignInLimits
{
    public const int PerMinute = 20;

    public static IServiceCollection AddSignInLimits(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (context, _) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            return ValueTask.CompletedTask;
        };
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/account/sign-in", StringComparison.OrdinalIgnoreCase)
                ? RateLimitPartition.GetSlidingWindowLimiter("sign-in " + http.Connection.RemoteIpAddress, _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = PerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("unlimited"));
    });
}
