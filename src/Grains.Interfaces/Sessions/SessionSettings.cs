namespace Roomcast.Sessions;

/// <summary>Runtime settings a host may change while the session is scheduled or live.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionSettings")]
public sealed record SessionSettings(
    [property: Id(0)] bool ChatEnabled,
    [property: Id(1)] bool PollsEnabled,
    [property: Id(2)] bool HandRaiseEnabled,
    [property: Id(3)] bool RecordingEnabled,
    [property: Id(4)] int MaxStageParticipants,
    [property: Id(5)] int? MaxViewers = null)
{
    public const int StageLimit = 50;

    /// <summary>The largest audience a session may cap itself at; no cap (null) means as many as join.</summary>
    public const int ViewerLimit = 100_000;

    public static SessionSettings DefaultsFor(SessionType type) => type switch
    {
        SessionType.Broadcast => new(true, true, false, false, 1),
        SessionType.Webinar => new(true, true, true, false, 6),
        _ => new(true, false, true, false, 12),
    };
}
