using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Roomcast.Centrifugo;

namespace Roomcast.WebApi.Centrifugo;

/// <summary>
/// The proxy routes' authentication: the static header Centrifugo adds to its proxy requests must carry
/// <c>Centrifugo:ProxySecret</c>. Compared as SHA-256 digests in constant time, so neither the content nor the length
/// of the secret shows in the time of a refusal. Without a configured secret nothing is admitted.
/// </summary>
public sealed class CentrifugoProxySecret(IOptions<CentrifugoOptions> options)
{
    public const string HeaderName = "X-Centrifugo-Proxy-Secret";

    private readonly byte[]? _digest = string.IsNullOrEmpty(options.Value.ProxySecret)
        ? null
        : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ProxySecret));

    public bool Configured => _digest is not null;

    public bool Admits(string? presented) =>
        _digest is not null && presented is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}

/// <summary>Says at start-up that the Centrifugo proxy routes refuse everything because no secret is configured.</summary>
internal sealed partial class CentrifugoProxyNotice(CentrifugoProxySecret secret, ILogger<CentrifugoProxyNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!secret.Configured)
        {
            LogNoSecret();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Centrifugo:ProxySecret is not set: /v1/centrifugo/connect and /v1/centrifugo/subscribe answer 401 to every request. Set it (and the same value as Centrifugo's proxy static header X-Centrifugo-Proxy-Secret) to use Centrifugo.")]
    private partial void LogNoSecret();
}
