namespace Roomcast.Centrifugo;

/// <summary>
/// Section <c>Centrifugo</c>: the secret Centrifugo's proxy requests carry, and where its server API is for publishing
/// session events. Everything is optional: without a proxy secret the proxy routes answer 401, without an API URL
/// nothing is published.
/// </summary>
public sealed class CentrifugoOptions
{
    public const string Section = "Centrifugo";

    /// <summary>The shortest proxy secret accepted: one that can be guessed is no authentication.</summary>
    public const int MinimumProxySecretLength = 32;

    /// <summary>
    /// The value Centrifugo sends in the static header <c>X-Centrifugo-Proxy-Secret</c> of its proxy requests
    /// (<c>http.static_headers</c> of the connect and subscribe proxies). Unset: the proxy routes answer 401.
    /// </summary>
    public string? ProxySecret { get; set; }

    /// <summary>The http(s) base of Centrifugo's server API, e.g. <c>http://centrifugo:8000</c>. Unset: publishing is off.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>Centrifugo's <c>http_api.key</c>, sent as <c>X-API-Key</c>; required with <see cref="ApiUrl"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Channels of a session are <c>{ChannelPrefix}{sessionId}</c> (and <c>{ChannelPrefix}{sessionId}:...</c>).</summary>
    public string ChannelPrefix { get; set; } = "session:";

    /// <summary>How long one publish may take (10 ms to 1 minute); one attempt only, publishing is at most once.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many events may wait for Centrifugo per silo (1 to 1,000,000); beyond that new ones are dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    public bool PublishingEnabled => !string.IsNullOrWhiteSpace(ApiUrl);

    /// <summary>The channel of a session's events.</summary>
    public string SessionChannel(Guid sessionId) => ChannelPrefix + sessionId.ToString("D");
}
