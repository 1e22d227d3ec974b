using Orleans.Concurrency;

namespace Roomcast.Media;

/// <summary>
/// A session's media pipeline (key = session id): its LiveKit room and HLS egresses. Its state is the record of which
/// egress serves the session, so an egress is started once however often, concurrently or after a silo loss, it is
/// asked for: before starting one it adopts a running one LiveKit already has for the room.
/// LiveKit down is 503 <c>livekit_unavailable</c> with nothing half-done recorded; calling again finishes the job.
/// </summary>
[Alias("Roomcast.ISessionMediaGrain")]
public interface ISessionMediaGrain : IGrainWithGuidKey
{
    /// <summary>Creates the room, ensures the HLS egress and starts the session if it is scheduled.</summary>
    [Alias("GoLive")]
    Task<SessionStream> GoLiveAsync();

    /// <summary>Ensures the room-composite HLS egress of a live session runs; the running one when it does.</summary>
    [Alias("EnsureHls")]
    Task<SessionStream> EnsureHlsAsync();

    /// <summary>Ensures an HLS egress of the host's camera (and microphone) runs; 409 when the host publishes no camera.</summary>
    [Alias("StartWebcamHls")]
    Task<SessionStream> StartWebcamHlsAsync();

    [Alias("GetStream"), ReadOnly]
    Task<SessionStream> GetStreamAsync();

    /// <summary>The stream's health, refreshed from LiveKit when its figures are older than a few seconds.</summary>
    [Alias("GetHealth")]
    Task<StreamHealth> GetHealthAsync();

    /// <summary>Applies a report about one of this session's HLS egresses; false when the egress is not one of them.</summary>
    [Alias("ApplyEgress")]
    Task<bool> ApplyEgressAsync(EgressReport report);

    /// <summary>LiveKit opened (or closed) the session's room at <paramref name="at"/>.</summary>
    [Alias("ApplyRoom")]
    Task ApplyRoomAsync(bool finished, DateTimeOffset at);

    /// <summary>The session ended: its egresses are stopped. Sent without waiting; the grain's reminder is the backstop.</summary>
    [Alias("SessionEnded"), OneWay]
    Task SessionEndedAsync();
}
