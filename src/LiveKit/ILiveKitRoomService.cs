namespace Roomcast.LiveKit;

/// <summary>
/// LiveKit's <c>RoomService</c> (Twirp over HTTP), authenticated with admin grants. Every method throws a
/// <c>RoomcastException</c> of kind Unavailable with code <c>livekit_unavailable</c> when LiveKit cannot be reached
/// or answers with a server error.
/// </summary>
public interface ILiveKitRoomService
{
    Task<LiveKitRoom> CreateRoomAsync(LiveKitRoomOptions room, CancellationToken cancellationToken = default);

    /// <summary>Deletes the room; a room that does not exist counts as deleted.</summary>
    Task DeleteRoomAsync(string room, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LiveKitParticipantInfo>> ListParticipantsAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>Removes a participant; one that is not in the room (or a room that does not exist) counts as removed.</summary>
    Task RemoveParticipantAsync(string room, string identity, CancellationToken cancellationToken = default);

    Task<LiveKitParticipantInfo> UpdateParticipantAsync(string room, string identity, LiveKitParticipantPermission permission,
        CancellationToken cancellationToken = default);

    Task SendDataAsync(string room, ReadOnlyMemory<byte> data, string? topic, IReadOnlyList<string>? destinationIdentities,
        CancellationToken cancellationToken = default);
}

/// <summary>What <c>CreateRoom</c> asks for.</summary>
public sealed record LiveKitRoomOptions(string Name, TimeSpan EmptyTimeout, int MaxParticipants, string? Metadata);

/// <summary>A room as LiveKit reports it.</summary>
public sealed record LiveKitRoom(string Sid, string Name, int NumParticipants, DateTimeOffset? CreatedAt);

/// <summary>A participant as LiveKit reports it.</summary>
public sealed record LiveKitParticipantInfo(string Sid, string Identity, string? Name, string State, DateTimeOffset? JoinedAt,
    LiveKitParticipantPermission? Permission)
{
    /// <summary>The tracks the participant publishes (<c>tracks</c> of LiveKit's <c>ParticipantInfo</c>).</summary>
    public IReadOnlyList<LiveKitTrackInfo> Tracks { get; init; } = [];
}

/// <summary>LiveKit's <c>ParticipantPermission</c>.</summary>
public sealed record LiveKitParticipantPermission(bool CanSubscribe, bool CanPublish, bool CanPublishData, bool Hidden)
{
    /// <summary>The sources the participant may publish (<see cref="LiveKitTrackSources"/>); null sends none, which LiveKit reads as all.</summary>
    public IReadOnlyList<string>? CanPublishSources { get; init; }
}
