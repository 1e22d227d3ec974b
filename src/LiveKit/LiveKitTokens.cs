using Microsoft.Extensions.Options;

namespace Roomcast.LiveKit;

/// <summary>
/// Issues LiveKit access tokens signed with <c>LiveKit:ApiKey</c>/<c>LiveKit:ApiSecret</c>.
/// <c>jti</c> is a fresh random value per token (LiveKit's SDKs put the identity there; LiveKit does not check it,
/// and a unique one tells two tokens of the same participant apart in logs).
/// </summary>
public sealed class LiveKitTokens : ILiveKitTokens
{
    /// <summary>The lifetime of the tokens the server API client signs for itself, as LiveKit's own SDKs do.</summary>
    internal static readonly TimeSpan AdminTokenLifetime = TimeSpan.FromMinutes(10);

    private readonly LiveKitOptions _options;
    private readonly TimeProvider _time;

    public LiveKitTokens(IOptions<LiveKitOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
    }

    public string Url => _options.Url;

    internal string ApiKey => _options.ApiKey!;

    public LiveKitToken Issue(LiveKitParticipant participant, LiveKitVideoGrant grant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentException.ThrowIfNullOrEmpty(participant.Identity);
        ArgumentException.ThrowIfNullOrEmpty(grant.Room);

        var now = TruncateToSeconds(_time.GetUtcNow());
        var expires = now + _options.TokenLifetime;
        var jwt = LiveKitJwt.Write(_options.ApiKey!, _options.ApiSecret!, participant.Identity, participant.Name, now, expires,
            NewJwtId(), json => LiveKitJwt.WriteParticipantGrant(json, grant));
        return new LiveKitToken(jwt, expires);
    }

    /// <summary>A token for LiveKit's server API (no identity), valid for <see cref="AdminTokenLifetime"/>.</summary>
    internal string IssueAdmin(LiveKitAdminGrant grant)
    {
        var now = TruncateToSeconds(_time.GetUtcNow());
        return LiveKitJwt.Write(_options.ApiKey!, _options.ApiSecret!, identity: null, name: null, now, now + AdminTokenLifetime,
            NewJwtId(), json => LiveKitJwt.WriteAdminGrant(json, grant));
    }

    private static string NewJwtId() => Guid.NewGuid().ToString("N");

    // nbf and exp are whole seconds; ExpiresAt says the same instant the token does.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());
}
