using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// Server-made secrets (refresh-token secrets, device tokens, one-time codes): 256 random bits from
/// <see cref="RandomNumberGenerator"/>, base64url without padding. They are stored and looked up only as
/// SHA-256 hex, which is enough for secrets of this entropy (passwords stay with the password hasher).
/// </summary>
public static class SecretTokens
{
    public const int Bytes = 32;

    /// <summary>Length of <see cref="Bytes"/> bytes in base64url without padding.</summary>
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>A secret only the holder of <paramref name="key"/> can compute from <paramref name="input"/> (HMAC-SHA256).</summary>
    public static string Derive(byte[] key, string input) => Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(input)));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="value"/> could be one of ours; anything else is refused without a grain call.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
