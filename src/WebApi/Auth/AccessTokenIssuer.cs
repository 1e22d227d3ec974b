using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Roomcast.Identity;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>Issues short-lived HS256 access tokens; the API validates them without a grain call.</summary>
public sealed class AccessTokenIssuer(SigningKey key, IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public AccessToken Issue(UserProfile user)
    {
        var jwt = options.Value;
        var now = clock.GetUtcNow();
        var expires = now + jwt.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(ClaimsOf(user)),
        });
        return new AccessToken(token, (int)jwt.AccessTokenLifetime.TotalSeconds);
    }

    private static IEnumerable<Claim> ClaimsOf(UserProfile user)
    {
        yield return new Claim(RoomcastClaims.Subject, user.Id.ToString());
        yield return new Claim(RoomcastClaims.Name, user.DisplayName);
        yield return new Claim(RoomcastClaims.Role, ApiEnum.Name(user.Role));
        yield return new Claim(RoomcastClaims.Library, user.LibraryId.ToString());
        if (user.Email is not null)
        {
            yield return new Claim(RoomcastClaims.Email, user.Email);
        }
    }
}
