using Microsoft.Extensions.Options;
using Roomcast.Errors;
using Roomcast.Grains.Identity;
using Roomcast.Identity;
using Roomcast.WebApi.Contracts;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// Issues the token pair of a sign-in (access JWT + refresh token), rotates refresh tokens and revokes them.
/// A refresh token is <c>&lt;family id&gt;.&lt;secret&gt;</c>; the family grain keeps only hashes of secrets.
/// </summary>
public sealed class AuthTokens(
    IGrainFactory grains,
    AccessTokenIssuer access,
    SigningKey signingKey,
    IOptions<AuthFlowOptions> options,
    [FromKeyedServices(IdentityClock.Key)] TimeProvider clock)
{
    public const string TokenType = "Bearer";

    /// <summary>Starts a new refresh-token family for <paramref name="user"/> and answers with both tokens.</summary>
    public async Task<AuthResponse> IssueAsync(UserProfile user)
    {
        var familyId = Guid.NewGuid();
        var secret = SecretTokens.New();
        var expiresAt = await grains.GetGrain<IRefreshTokenFamilyGrain>(familyId)
            .StartAsync(user.Id, SecretTokens.Hash(secret), options.Value.RefreshTokenLifetime);
        return Respond(user, familyId, secret, expiresAt);
    }

    /// <summary>Signs in the user a device or a code stands for; <paramref name="invalid"/> when that user is gone.</summary>
    public async Task<AuthResponse> IssueAsync(Guid userId, Func<RoomcastException> invalid)
    {
        var user = await grains.GetGrain<IUserGrain>(userId).FindAsync() ?? throw invalid();
        return await IssueAsync(user);
    }

    /// <summary>Uses a refresh token once: its family moves on to a new secret, and the user is read again.</summary>
    public async Task<AuthResponse> RefreshAsync(string refreshToken)
    {
        if (!TryParse(refreshToken, out var familyId, out var secret))
        {
            throw InvalidRefreshToken();
        }

        // The successor is derived from the presented secret, so that a retried refresh asks for the same one.
        var next = SecretTokens.Derive(signingKey.Key.Key, $"refresh-successor:{familyId:N}:{secret}");
        var family = grains.GetGrain<IRefreshTokenFamilyGrain>(familyId);
        var rotation = await family.RotateAsync(SecretTokens.Hash(secret), SecretTokens.Hash(next), options.Value.RefreshRetryGrace);
        var user = await grains.GetGrain<IUserGrain>(rotation.UserId).FindAsync();
        if (user is null)
        {
            await family.RevokeAsync(SecretTokens.Hash(next));
            throw InvalidRefreshToken();
        }

        return Respond(user, familyId, next, rotation.ExpiresAt);
    }

    /// <summary>Revokes the family of a refresh token; a token that is not ours is ignored.</summary>
    public async Task RevokeAsync(string refreshToken)
    {
        if (TryParse(refreshToken, out var familyId, out var secret))
        {
            await grains.GetGrain<IRefreshTokenFamilyGrain>(familyId).RevokeAsync(SecretTokens.Hash(secret));
        }
    }

    public static RoomcastException InvalidRefreshToken() =>
        new(ErrorKind.Unauthorized, AuthErrorCodes.InvalidRefreshToken, "The refresh token is not valid.");

    private AuthResponse Respond(UserProfile user, Guid familyId, string secret, DateTimeOffset expiresAt)
    {
        var token = access.Issue(user);
        var refreshExpiresIn = (int)Math.Max(0, Math.Floor((expiresAt - clock.GetUtcNow()).TotalSeconds));
        return new AuthResponse(token.Token, TokenType, token.ExpiresIn, $"{familyId:N}.{secret}", refreshExpiresIn, UserResponse.From(user));
    }

    private static bool TryParse(string token, out Guid familyId, out string secret)
    {
        familyId = Guid.Empty;
        secret = "";
        if (token.Length != 32 + 1 + SecretTokens.Length || token[32] != '.'
            || !Guid.TryParseExact(token.AsSpan(0, 32), "N", out familyId)
            || !SecretTokens.IsWellFormed(token[33..]))
        {
            return false;
        }

        secret = token[33..];
        return true;
    }
}
