using Roomcast.Sessions;

namespace Roomcast.Stage;

/// <summary>
/// What the API read about the session when it authorized the call: the stage grain decides against these, its own
/// lists, and the audience's presence and bans.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StageContext")]
public sealed record StageContext(
    [property: Id(0)] SessionState State,
    [property: Id(1)] bool HandRaiseEnabled,
    [property: Id(2)] int MaxStageParticipants,
    [property: Id(3)] Guid HostId)
{
    public static StageContext Of(SessionSnapshot session) =>
        new(session.State, session.Settings.HandRaiseEnabled, session.Settings.MaxStageParticipants, session.HostId);
}
