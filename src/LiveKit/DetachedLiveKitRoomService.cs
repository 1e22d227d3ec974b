using Microsoft.Extensions.Logging;

namespace Roomcast.LiveKit;

/// <summary>
/// Dev mode without a LiveKit server (no <c>LiveKit:Url</c> configured): room operations have no room to act on, so
/// they succeed doing nothing, and the start says so once. Tokens are still issued (with the generated dev key).
/// </summary>
public sealed partial class DetachedLiveKitRoomService(ILogger<DetachedLiveKitRoomService> logger) : ILiveKitRoomService
{
    public Task<LiveKitRoom> CreateRoomAsync(LiveKitRoomOptions room, CancellationToken cancellationToken = default)
    {
        LogSkipped("CreateRoom", room.Name);
        return Task.FromResult(new LiveKitRoom("detached", room.Name, 0, null));
    }

    public Task DeleteRoomAsync(string room, CancellationToken cancellationToken = default) => Skip("DeleteRoom", room);

    public Task<IReadOnlyList<LiveKitParticipantInfo>> ListParticipantsAsync(string room, CancellationToken cancellationToken = default)
    {
        LogSkipped("ListParticipants", room);
        return Task.FromResult<IReadOnlyList<LiveKitParticipantInfo>>([]);
    }

    public Task RemoveParticipantAsync(string room, string identity, CancellationToken cancellationToken = default) =>
        Skip("RemoveParticipant", room);

    public Task<LiveKitParticipantInfo> UpdateParticipantAsync(string room, string identity, LiveKitParticipantPermission permission,
        CancellationToken cancellationToken = default)
    {
        LogSkipped("UpdateParticipant", room);
        return Task.FromResult(new LiveKitParticipantInfo("detached", identity, null, "ACTIVE", null, permission));
    }

    public Task SendDataAsync(string room, ReadOnlyMemory<byte> data, string? topic, IReadOnlyList<string>? destinationIdentities,
        CancellationToken cancellationToken = default) => Skip("SendData", room);

    private Task Skip(string method, string room)
    {
        LogSkipped(method, room);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No LiveKit server configured (dev mode): {Method} of room {Room} skipped")]
    private partial void LogSkipped(string method, string room);
}
