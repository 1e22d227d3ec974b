using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Roomcast.LiveKit;

/// <summary>
/// Checks that a webhook request comes from the LiveKit server Roomcast shares its key pair with, as LiveKit's own
/// <c>WebhookReceiver</c> does: the <c>Authorization</c> header is an HS256 JWT signed with <c>LiveKit:ApiSecret</c>,
/// issued by <c>LiveKit:ApiKey</c>, in its validity window (give or take <see cref="ClockSkew"/>), whose <c>sha256</c>
/// claim is the base64 SHA-256 of the exact body bytes. LiveKit sends the token bare; <c>Bearer </c> is accepted too.
/// </summary>
public sealed class LiveKitWebhookVerifier(IOptions<LiveKitOptions> options, TimeProvider clock)
{
    /// <summary>How far LiveKit's clock may be from ours before a token counts as not yet valid or expired.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private const string BearerPrefix = "Bearer ";

    public bool IsAuthentic(string? authorization, ReadOnlySpan<byte> body)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(authorization) || string.IsNullOrEmpty(settings.ApiKey) || string.IsNullOrEmpty(settings.ApiSecret))
        {
            return false;
        }

        var jwt = authorization.Trim();
        if (jwt.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            jwt = jwt[BearerPrefix.Length..].Trim();
        }

        if (LiveKitJwt.ReadVerified(jwt, settings.ApiSecret) is not { } claims)
        {
            return false;
        }

        if (!claims.TryGetProperty("iss", out var issuer) || issuer.ValueKind != JsonValueKind.String || issuer.GetString() != settings.ApiKey)
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)ClockSkew.TotalSeconds;
        if (!TryGetSeconds(claims, "exp", out var expires) || now > expires + skew)
        {
            return false;
        }

        if (claims.TryGetProperty("nbf", out _) && (!TryGetSeconds(claims, "nbf", out var notBefore) || now < notBefore - skew))
        {
            return false;
        }

        if (!claims.TryGetProperty("sha256", out var hashClaim) || hashClaim.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var actual = Encoding.ASCII.GetBytes(Convert.ToBase64String(SHA256.HashData(body)));
        return CryptographicOperations.FixedTimeEquals(actual, Encoding.UTF8.GetBytes(hashClaim.GetString() ?? ""));
    }

    private static bool TryGetSeconds(JsonElement claims, string name, out long seconds)
    {
        seconds = 0;
        return claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out seconds);
    }
}
