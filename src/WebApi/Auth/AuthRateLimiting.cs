using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// The <see cref="Policy"/> rate-limit policy of the routes that check a credential (login, refresh, logout, device
/// login, code exchange, viewer registration, the dashboard's sign-in): a fixed window per client IP address; and
/// <see cref="CodePolicy"/>, issuing one-time codes, a fixed window per signed-in user. A rejected request is a 429
/// with <c>Retry-After</c> and the error envelope (<c>rate_limited</c>).
/// </summary>
public static class AuthRateLimiting
{
    public const string Policy = "auth";

    /// <summary>Per user, not per address: the route needs a sign-in, and users behind one address keep their own budgets.</summary>
    public const string CodePolicy = "auth-code";

    public static IServiceCollection AddAuthRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<AuthRateLimitOptions>().BindConfiguration(AuthRateLimitOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthCodeRateLimitOptions>().BindConfiguration(AuthCodeRateLimitOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<AuthRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.AddPolicy(CodePolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<AuthCodeRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.User.FindFirst(RoomcastClaims.Subject)?.Value ?? "anonymous",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : http.RequestServices.GetRequiredService<IOptions<AuthRateLimitOptions>>().Value.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        var envelope = http.RequestServices.GetRequiredService<Envelope>();
        await http.Response.WriteAsJsonAsync(envelope.Error("rate_limited", $"Too many requests; retry after {seconds} s."), cancellationToken);
    }
}
