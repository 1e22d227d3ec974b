namespace Roomcast.LiveKit;

/// <summary>Section <c>LiveKit</c>: where LiveKit is and the key pair Roomcast signs its tokens with.</summary>
public sealed class LiveKitOptions
{
    public const string Section = "LiveKit";

    /// <summary>The ws(s) URL clients connect to, e.g. <c>ws://localhost:7880</c>.</summary>
    public string Url { get; set; } = "ws://localhost:7880";

    /// <summary>The http(s) base of LiveKit's server API; unset: <see cref="Url"/> with ws→http, wss→https.</summary>
    public string? ApiUrl { get; set; }

    public string? ApiKey { get; set; }

    public string? ApiSecret { get; set; }

    /// <summary>How long a participant token admits its holder (1 minute to 24 hours).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one attempt of a server API call may take; the whole call, retries included, gets three times this.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><see cref="ApiUrl"/>, or the one derived from <see cref="Url"/>, without a trailing slash.</summary>
    public string ResolvedApiUrl()
    {
        var url = string.IsNullOrWhiteSpace(ApiUrl) ? Url : ApiUrl;
        if (url.StartsWith("wss://", StringComparison.OrdinalIgnoreCase))
        {
            url = "https://" + url["wss://".Length..];
        }
        else if (url.StartsWith("ws://", StringComparison.OrdinalIgnoreCase))
        {
            url = "http://" + url["ws://".Length..];
        }
        return url.TrimEnd('/');
    }
}
