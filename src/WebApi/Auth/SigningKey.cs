using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Roomcast.WebApi.Auth;

/// <summary>The one HMAC key this process signs and validates access tokens with.</summary>
public sealed class SigningKey
{
    public SigningKey(byte[] bytes, bool generated)
    {
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:Jwt:SigningKey must be at least 32 bytes (base64).");
        }

        Key = new SymmetricSecurityKey(bytes);
        Generated = generated;
    }

    public SymmetricSecurityKey Key { get; }

    /// <summary>True when no key was configured and this one was made up at start (tokens die with the process).</summary>
    public bool Generated { get; }

    /// <summary>True when <paramref name="base64"/> decodes to a key this class accepts.</summary>
    public static bool IsValid(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) && length >= 32;
    }

    public static SigningKey FromConfiguration(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return new SigningKey(RandomNumberGenerator.GetBytes(32), generated: true);
        }

        try
        {
            return new SigningKey(Convert.FromBase64String(base64), generated: false);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Auth:Jwt:SigningKey is not valid base64.");
        }
    }
}
