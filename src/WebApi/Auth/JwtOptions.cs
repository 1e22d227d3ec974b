using System.ComponentModel.DataAnnotations;

namespace Roomcast.WebApi.Auth;

/// <summary>How access tokens are signed and checked (configuration section <c>Auth:Jwt</c>).</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Auth:Jwt";

    [Required]
    public string Issuer { get; set; } = "roomcast";

    [Required]
    public string Audience { get; set; } = "roomcast-api";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes. When empty, a random key is generated at start (dev mode only).</summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
