using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>Access tokens the API did not issue: signed with another key, expired, or altered after signing.</summary>
public static class Tokens
{
    /// <summary>The default library's id, which tokens minted here carry unless told otherwise.</summary>
    public static readonly Guid DefaultLibraryId = new("00000000-0000-0000-0000-000000000001");

    public static string Mint(Guid userId, string role, byte[] key, DateTimeOffset expires, string issuer = "roomcast", string audience = "roomcast-api",
        Guid? libraryId = null, string name = "forged")
    {
        var issuedAt = expires.AddMinutes(-15);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", role), new Claim("name", name),
                new Claim("lib", (libraryId ?? DefaultLibraryId).ToString())]),
        });
    }

    /// <summary>
    /// A valid access token for a user who need not exist: enough for the routes that read only the caller's claims
    /// (joining a session), so a test can bring hundreds of viewers without signing each one up.
    /// </summary>
    public static string ForViewer(Guid userId, Guid libraryId, string name = "Viewer", string role = "viewer") =>
        Mint(userId, role, RoomcastApiFactory.SigningKeyBytes, DateTimeOffset.UtcNow.AddMinutes(10), libraryId: libraryId, name: name);

    public static string SignedWithAnotherKey(Guid userId, string role) =>
        Mint(userId, role, RandomNumberGenerator.GetBytes(32), DateTimeOffset.UtcNow.AddMinutes(10));

    public static string Expired(Guid userId, string role) =>
        Mint(userId, role, RoomcastApiFactory.SigningKeyBytes, DateTimeOffset.UtcNow.AddMinutes(-5));

    /// <summary>Replaces the payload of a genuine token (keeping its signature), e.g. to promote oneself to admin.</summary>
    public static string WithPayload(string token, string payloadJson)
    {
        var parts = token.Split('.');
        parts[1] = Base64UrlEncoder.Encode(payloadJson);
        return string.Join('.', parts);
    }
}
