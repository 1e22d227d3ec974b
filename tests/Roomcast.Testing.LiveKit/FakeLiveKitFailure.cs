namespace Roomcast.Testing.LiveKit;

/// <summary>How the fake answers a call it was told to fail.</summary>
public sealed record FakeLiveKitFailure(int Status, string? TwirpCode, bool Hangs = false)
{
    /// <summary>HTTP 503, Twirp <c>unavailable</c>: LiveKit overloaded or restarting.</summary>
    public static FakeLiveKitFailure Unavailable { get; } = new(503, "unavailable");

    /// <summary>HTTP 500, Twirp <c>internal</c>.</summary>
    public static FakeLiveKitFailure Internal { get; } = new(500, "internal");

    /// <summary>HTTP 404, Twirp <c>not_found</c>.</summary>
    public static FakeLiveKitFailure NotFound { get; } = new(404, "not_found");

    /// <summary>HTTP 400, Twirp <c>invalid_argument</c>: what LiveKit says to a malformed request.</summary>
    public static FakeLiveKitFailure InvalidArgument { get; } = new(400, "invalid_argument");

    /// <summary>Never answers (until the client gives up or the fake stops).</summary>
    public static FakeLiveKitFailure Hang { get; } = new(0, null, Hangs: true);
}
