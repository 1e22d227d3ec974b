using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// Remembers access tokens that passed validation until they expire, so a client that sends the same
/// token on every request pays for base64, JSON parsing and the HMAC once. The key is the whole token
/// string: any change to it, signature included, misses the cache and is validated in full. Entries end at
/// the token's own expiry (no clock-skew allowance), and only valid results are kept.
/// </summary>
/// <remarks>Measured: full validation cut a co-hosted API's request rate by about 40% (see README, Performance).</remarks>
public sealed class CachingJsonWebTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    public const int MaxEntries = 100_000;

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (_validated.TryGetValue(token, out CachedValidation? cached) && cached!.Expires > now)
        {
            return cached.Result;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { ValidTo: var validTo } && validTo > now.UtcDateTime)
        {
            result.ClaimsIdentity = CallerIdentity.Of(result.ClaimsIdentity);
            var expires = new DateTimeOffset(validTo, TimeSpan.Zero);
            _validated.Set(token, new CachedValidation(result, expires),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });
        }

        return result;
    }

    private sealed record CachedValidation(TokenValidationResult Result, DateTimeOffset Expires);
}
