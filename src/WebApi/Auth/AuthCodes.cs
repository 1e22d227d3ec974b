using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.WebApi.Auth;

/// <summary>One-time codes: 256 random bits, valid for <see cref="Lifetime"/>, exchangeable once. Grains know them only by hash.</summary>
public sealed class AuthCodes(IGrainFactory grains)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static int ExpiresIn => (int)Lifetime.TotalSeconds;

    /// <summary>Makes a code for <paramref name="grant"/> and returns it; it is not kept anywhere in clear.</summary>
    public async Task<string> IssueAsync(AuthCodeGrant grant)
    {
        var code = SecretTokens.New();
        await grains.GetGrain<IAuthCodeGrain>(SecretTokens.Hash(code)).IssueAsync(grant, Lifetime);
        return code;
    }

    /// <summary>Consumes a code; unauthorized <c>invalid_code</c> when it is malformed, unknown, expired or used.</summary>
    public async Task<AuthCodeGrant> ExchangeAsync(string code) =>
        SecretTokens.IsWellFormed(code)
            ? await grains.GetGrain<IAuthCodeGrain>(SecretTokens.Hash(code)).ExchangeAsync()
            : throw InvalidCode();

    public static RoomcastException InvalidCode() =>
        new(ErrorKind.Unauthorized, AuthErrorCodes.InvalidCode, "The code is unknown, expired or already used.");
}
