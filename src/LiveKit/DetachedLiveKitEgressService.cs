using Microsoft.Extensions.Logging;

namespace Roomcast.LiveKit;

/// <summary>
/// Dev mode without a LiveKit server (no <c>LiveKit:Url</c> configured): a start answers a made-up egress that stays
/// <see cref="LiveKitEgressStatus.Starting"/> (no webhook will ever move it), a stop finds nothing, a list is empty.
/// The start of the process says once that LiveKit is detached (<see cref="DetachedLiveKitNotice"/>).
/// </summary>
public sealed partial class DetachedLiveKitEgressService(ILogger<DetachedLiveKitEgressService> logger, TimeProvider? time = null)
    : ILiveKitEgressService
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<LiveKitEgressInfo> StartRoomCompositeHlsAsync(string room, LiveKitSegmentsOutput output,
        CancellationToken cancellationToken = default) => Start("StartRoomCompositeEgress", room, LiveKitEgressKind.RoomComposite, LiveKitEgressOutputs.Segments);

    public Task<LiveKitEgressInfo> StartRoomCompositeFileAsync(string room, LiveKitFileOutput output,
        CancellationToken cancellationToken = default) => Start("StartRoomCompositeEgress", room, LiveKitEgressKind.RoomComposite, LiveKitEgressOutputs.File);

    public Task<LiveKitEgressInfo> StartTrackCompositeHlsAsync(string room, string? videoTrackSid, string? audioTrackSid,
        LiveKitSegmentsOutput output, CancellationToken cancellationToken = default) =>
        Start("StartTrackCompositeEgress", room, LiveKitEgressKind.TrackComposite, LiveKitEgressOutputs.Segments);

    public Task<LiveKitEgressInfo?> StopEgressAsync(string egressId, CancellationToken cancellationToken = default)
    {
        LogSkipped("StopEgress", egressId);
        return Task.FromResult<LiveKitEgressInfo?>(null);
    }

    public Task<IReadOnlyList<LiveKitEgressInfo>> ListEgressAsync(string? room, string? egressId, bool activeOnly,
        CancellationToken cancellationToken = default)
    {
        LogSkipped("ListEgress", room ?? egressId ?? "(all)");
        return Task.FromResult<IReadOnlyList<LiveKitEgressInfo>>([]);
    }

    private Task<LiveKitEgressInfo> Start(string method, string room, LiveKitEgressKind kind, LiveKitEgressOutputs outputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        LogSkipped(method, room);
        return Task.FromResult(new LiveKitEgressInfo("EG_detached_" + Guid.NewGuid().ToString("N"), room, LiveKitEgressStatus.Starting,
            kind, StartedAt: null, EndedAt: null, UpdatedAt: _time.GetUtcNow(), Error: null, Files: [], Segments: [], outputs));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No LiveKit server configured (dev mode): {Method} of {Target} skipped")]
    private partial void LogSkipped(string method, string target);
}
