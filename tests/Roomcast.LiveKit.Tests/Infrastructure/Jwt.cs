using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Roomcast.LiveKit.Tests.Infrastructure;

/// <summary>A JWT taken apart by the tests' own code (not Roomcast.LiveKit's): the exact JSON of each part.</summary>
public sealed record Jwt(string HeaderJson, string PayloadJson, byte[] Signature, string SigningInput)
{
    public static Jwt Parse(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        foreach (var part in parts)
        {
            // base64url without padding: no '=', '+' or '/'.
            Assert.DoesNotMatch("[=+/]", part);
        }
        return new Jwt(Encoding.UTF8.GetString(Decode(parts[0])), Encoding.UTF8.GetString(Decode(parts[1])), Decode(parts[2]),
            parts[0] + "." + parts[1]);
    }

    public JsonElement Payload => JsonDocument.Parse(PayloadJson).RootElement;

    public bool SignedWith(string secret) =>
        CryptographicOperations.FixedTimeEquals(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(SigningInput)), Signature);

    private static byte[] Decode(string part)
    {
        var s = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
