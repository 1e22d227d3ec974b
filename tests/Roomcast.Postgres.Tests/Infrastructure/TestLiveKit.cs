namespace Roomcast.Postgres.Tests.Infrastructure;

/// <summary>
/// LiveKit credentials for hosts on Storage=Postgres, which refuse to start without them (public test values; no
/// LiveKit server is reached by these tests).
/// </summary>
public static class TestLiveKit
{
    public const string ApiKey = "roomcast-tests";
    public const string ApiSecret = "roomcast-tests-livekit-secret-0123456789";

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["LiveKit:ApiKey"] = ApiKey,
        ["LiveKit:ApiSecret"] = ApiSecret,
    };
}
