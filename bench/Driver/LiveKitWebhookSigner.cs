using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Roomcast.Bench.Driver;

/// <summary>
/// The <c>Authorization</c> LiveKit sends with a webhook (bare, no <c>Bearer</c>): an HS256 JWT of the API key pair
/// whose <c>sha256</c> claim is the base64 SHA-256 of the body's UTF-8 bytes — the scheme of the tests'
/// <c>LiveKitWebhookBodies.Sign</c>, with the key pair of <c>BENCH_LIVEKIT_KEY</c> and <c>BENCH_LIVEKIT_SECRET</c>.
/// </summary>
internal sealed class LiveKitWebhookSigner(string apiKey, string apiSecret)
{
    private static readonly string Header = Encode("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(apiSecret);

    public static LiveKitWebhookSigner FromEnvironment() => new(
        Environment.GetEnvironmentVariable("BENCH_LIVEKIT_KEY") ?? throw new InvalidOperationException("BENCH_LIVEKIT_KEY (the API's LiveKit:ApiKey) is not set"),
        Environment.GetEnvironmentVariable("BENCH_LIVEKIT_SECRET") ?? throw new InvalidOperationException("BENCH_LIVEKIT_SECRET (the API's LiveKit:ApiSecret) is not set"));

    /// <summary>Valid for 10 minutes from now: long enough for bodies signed before a timed window and replayed after it.</summary>
    public string Sign(string body)
    {
        var issuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sha256"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))),
            ["iss"] = apiKey,
            ["nbf"] = issuedAt,
            ["exp"] = issuedAt + 600,
        });
        var signed = Header + "." + Encode(claims);
        return signed + "." + Encode(HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(signed)));
    }

    private static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
