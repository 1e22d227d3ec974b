using System.Security.Cryptography;
using System.Text;

namespace Roomcast.Grains.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>webhook-signature</c> is <c>v1,</c> + base64 HMAC-SHA256 of
/// <c>{id}.{timestamp}.{body}</c>, keyed with the base64-decoded part of the secret after <c>whsec_</c>; several
/// secrets (a rotation's overlap) give several signatures, space-separated, any one of which verifies.
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> + base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> header's value for this message under each secret, in the given order.</summary>
    public static string Sign(string messageId, DateTimeOffset timestamp, string body, IEnumerable<string> secrets)
    {
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp.ToUnixTimeSeconds()}.{body}");
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), signed))));
    }

    private static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
}
