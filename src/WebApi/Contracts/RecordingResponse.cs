using Roomcast.Recordings;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// A recording: <c>status</c> moves starting -> recording -> processing -> ready (or failed, with <c>error</c>);
/// <c>size_bytes</c> and <c>duration_seconds</c> once it is ready; <c>egress_id</c> is LiveKit's egress making it (to
/// look it up there). Its file is fetched through <c>download_url</c>.
/// </summary>
public sealed record RecordingResponse(
    Guid Id,
    Guid SessionId,
    Guid RoomId,
    Guid LibraryId,
    Guid OwnerId,
    Guid StartedBy,
    string Title,
    string? Description,
    [property: EnumValues<RecordingStatus>] string Status,
    long? SizeBytes,
    double? DurationSeconds,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? ReadyAt,
    string? Error,
    string? EgressId,
    long ChangeSequence,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn)
{
    public static RecordingResponse From(RecordingSnapshot r) => new(
        r.Id, r.SessionId, r.RoomId, r.LibraryId, r.OwnerId, r.StartedBy, r.Title, r.Description, ApiEnum.Name(r.Status),
        r.SizeBytes, r.DurationSeconds is { } seconds ? Math.Round(seconds, 3) : null, r.StartedAt, r.EndedAt, r.ReadyAt, r.Error,
        r.EgressId, r.ChangeSequence, r.CreatedOn, r.UpdatedOn);
}
