using System.ComponentModel.DataAnnotations;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// The limit on issuing one-time codes per signed-in user (configuration section <c>RateLimiting:AuthCode</c>):
/// at most <see cref="PermitLimit"/> codes in each fixed <see cref="Window"/>. A code lives 60 s and is used once, so
/// a person needs a few a minute at most; the limit keeps one token from filling the code grains.
/// </summary>
public sealed class AuthCodeRateLimitOptions
{
    public const string SectionName = "RateLimiting:AuthCode";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
