using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Roomcast.Bench.Driver;

/// <summary>
/// Roomcast access tokens for synthetic viewers (users that need not exist), signed HS256 with the API's
/// <c>Auth:Jwt:SigningKey</c>: the claim set of the tests' <c>Tokens.ForViewer</c>, minted without a JWT library.
/// </summary>
internal sealed class ViewerTokens(string base64SigningKey, Guid libraryId)
{
    private static readonly string Header = Encode("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly byte[] _key = Convert.FromBase64String(base64SigningKey);
    private readonly long _issuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public string Mint(Guid userId)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = userId.ToString(),
            ["role"] = "viewer",
            ["name"] = "Bench viewer",
            ["lib"] = libraryId.ToString(),
            ["iss"] = "roomcast",
            ["aud"] = "roomcast-api",
            ["iat"] = _issuedAt,
            ["nbf"] = _issuedAt,
            ["exp"] = _issuedAt + 3600,
        });
        var signed = Header + "." + Encode(payload);
        return signed + "." + Encode(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signed)));
    }

    private static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
