using System.ComponentModel.DataAnnotations;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// The limit on credential-checking routes per client IP address (configuration section <c>RateLimiting:Auth</c>):
/// at most <see cref="PermitLimit"/> requests in each fixed <see cref="Window"/>.
/// </summary>
public sealed class AuthRateLimitOptions
{
    public const string SectionName = "RateLimiting:Auth";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
