using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Roomcast.LiveKit;

/// <summary>
/// Dev mode without a LiveKit server (no <c>LiveKit:Url</c> configured): a start answers a made-up egress that stays
/// <see cref="LiveKitEgressStatus.Starting"/> (no webhook will ever move it) and is listed as such, so what asks
/// LiveKit about it sees what it started; a stop moves it to <see cref="LiveKitEgressStatus.Ending"/>, as LiveKit
/// answers a stop, and there it stays: nothing is written anywhere, so nothing ever completes. The start of the process
/// says once that LiveKit is detached (<see cref="DetachedLiveKitNotice"/>).
/// </summary>
public sealed partial class DetachedLiveKitEgressService(ILogger<DetachedLiveKitEgressService> logger, TimeProvider? time = null)
    : ILiveKitEgressService
{
    /// <summary>Egresses made up by this process (dev mode is one process); the oldest are forgotten beyond this many.</summary>
    private const int Remembered = 10_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, LiveKitEgressInfo> _egresses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public Task<LiveKitEgressInfo> StartRoomCompositeHlsAsync(string room, LiveKitSegmentsOutput output,
        CancellationToken cancellationToken = default) =>
        Start("StartRoomCompositeEgress", room, LiveKitEgressKind.RoomComposite, LiveKitEgressOutputs.Segments);

    public Task<LiveKitEgressInfo> StartRoomCompositeFileAsync(string room, LiveKitFileOutput output,
        CancellationToken cancellationToken = default) =>
        Start("StartRoomCompositeEgress", room, LiveKitEgressKind.RoomComposite, LiveKitEgressOutputs.File);

    public Task<LiveKitEgressInfo> StartTrackCompositeHlsAsync(string room, string? videoTrackSid, string? audioTrackSid,
        LiveKitSegmentsOutput output, CancellationToken cancellationToken = default) =>
        Start("StartTrackCompositeEgress", room, LiveKitEgressKind.TrackComposite, LiveKitEgressOutputs.Segments);

    public Task<LiveKitEgressInfo?> StopEgressAsync(string egressId, CancellationToken cancellationToken = default)
    {
        LogSkipped("StopEgress", egressId);
        if (!_egresses.TryGetValue(egressId, out var egress) || egress.Status != LiveKitEgressStatus.Starting)
        {
            return Task.FromResult<LiveKitEgressInfo?>(null);
        }

        var stopped = egress with { Status = LiveKitEgressStatus.Ending, UpdatedAt = _time.GetUtcNow() };
        _egresses[egressId] = stopped;
        return Task.FromResult<LiveKitEgressInfo?>(stopped);
    }

    public Task<IReadOnlyList<LiveKitEgressInfo>> ListEgressAsync(string? room, string? egressId, bool activeOnly,
        CancellationToken cancellationToken = default)
    {
        LogSkipped("ListEgress", room ?? egressId ?? "(all)");
        IReadOnlyList<LiveKitEgressInfo> listed = _egresses.Values
            .Where(e => (room is null || e.RoomName == room) && (egressId is null || e.EgressId == egressId)
                && (!activeOnly || e.Status == LiveKitEgressStatus.Starting))
            .ToList();
        return Task.FromResult(listed);
    }

    private Task<LiveKitEgressInfo> Start(string method, string room, LiveKitEgressKind kind, LiveKitEgressOutputs outputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        LogSkipped(method, room);
        var egress = new LiveKitEgressInfo("EG_detached_" + Guid.NewGuid().ToString("N"), room, LiveKitEgressStatus.Starting,
            kind, StartedAt: null, EndedAt: null, UpdatedAt: _time.GetUtcNow(), Error: null, Files: [], Segments: [], outputs);
        _egresses[egress.EgressId] = egress;
        _order.Enqueue(egress.EgressId);
        while (_order.Count > Remembered && _order.TryDequeue(out var oldest))
        {
            _egresses.TryRemove(oldest, out _);
        }

        return Task.FromResult(egress);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No LiveKit server configured (dev mode): {Method} of {Target} skipped")]
    private partial void LogSkipped(string method, string target);
}
