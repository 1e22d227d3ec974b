using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// JWT bearer authentication that answers a request whose <c>Authorization</c> header is, character for character, one
/// that already authenticated, with that request's result until the token expires. The framework's handler clones its
/// <c>TokenValidationParameters</c>, copies the token out of the header, and builds event contexts, a principal, a ticket
/// and its properties on every request even when <see cref="CachingJsonWebTokenHandler"/> skips the validation itself: on
/// the hot read that was about a fifth of the bytes allocated per request (README Performance).
/// </summary>
/// <remarks>
/// Only successes are kept, keyed by the whole header (a different spelling or any other token goes through the full
/// handler), and they end at the token's own expiry, as the token cache's entries do. The kept result is shared by
/// concurrent requests: nothing in Roomcast changes a bearer principal, its identity or its properties (no claims
/// transformation, no events). A request carrying an API key never gets here: the forward selector sends it to its scheme.
/// </remarks>
public sealed class CachingJwtBearerHandler(
    IOptionsMonitor<JwtBearerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CachingJwtBearerHandler.Results results,
    TimeProvider clock) : JwtBearerHandler(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization];
        return header.Count == 1 && header[0] is { } value && results.Find(value, clock.GetUtcNow()) is { } known
            ? known
            : AuthenticateAndKeepAsync(header.Count == 1 ? header[0] : null);
    }

    private async Task<AuthenticateResult> AuthenticateAndKeepAsync(string? header)
    {
        var result = await base.HandleAuthenticateAsync();
        if (header is not null && result.Succeeded && result.Properties?.ExpiresUtc is { } expires && expires > clock.GetUtcNow())
        {
            results.Keep(header, result, expires);
        }

        return result;
    }

    /// <summary>The successful results by <c>Authorization</c> header, one per token, until the token expires.</summary>
    public sealed class Results
    {
        private readonly MemoryCache _byHeader = new(new MemoryCacheOptions { SizeLimit = CachingJsonWebTokenHandler.MaxEntries });

        public Task<AuthenticateResult>? Find(string header, DateTimeOffset now) =>
            _byHeader.TryGetValue(header, out Kept? kept) && kept!.Expires > now ? kept.Result : null;

        public void Keep(string header, AuthenticateResult result, DateTimeOffset expires) =>
            _byHeader.Set(header, new Kept(Task.FromResult(result), expires),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });

        private sealed record Kept(Task<AuthenticateResult> Result, DateTimeOffset Expires);
    }
}
