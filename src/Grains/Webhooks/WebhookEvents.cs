using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Roomcast.Grains.Recordings;
using Roomcast.Grains.Sessions;
using Roomcast.Recordings;
using Roomcast.Sessions;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Webhooks;

/// <summary>
/// Derives outbound webhook events from grain states: a state is its own evidence of the transition that produced
/// it, so the event can be written in the same statement as the state (the outbox) and never without it. A session in
/// Scheduled, Live, Ended or Expired yields <c>session.scheduled/started/ended/expired</c>; a recording that is Ready
/// or Failed yields <c>recording.ready/failed</c>. The event id is a hash of the subject and the type, so each
/// transition is one event however often the state is written in it.
/// </summary>
public static class WebhookEvents
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The event the state stands for, or null when it stands for none.</summary>
    public static WebhookEvent? Of(object state) => state switch
    {
        SessionGrainState { Session: { Deleted: false } session } => OfSession(session),
        RecordingGrainState { Recording: { Deleted: false } recording } => OfRecording(recording),
        _ => null,
    };

    /// <summary>The deterministic id of the event of this type about this subject.</summary>
    public static string IdOf(Guid subjectId, string type)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{subjectId:N}:{type}"));
        return "evt_" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The body sent to receivers: <c>{type, timestamp, data}</c>.</summary>
    public static string PayloadOf(string type, DateTimeOffset occurredAt, object data) =>
        JsonSerializer.Serialize(new { Type = type, Timestamp = occurredAt.ToUniversalTime(), Data = data }, PayloadJson);

    /// <summary>An event built from its parts, with the deterministic id.</summary>
    public static WebhookEvent Create(Guid subjectId, Guid libraryId, string type, DateTimeOffset occurredAt, object data) =>
        new(IdOf(subjectId, type), libraryId, type, occurredAt.ToUniversalTime(), PayloadOf(type, occurredAt, data));

    private static WebhookEvent? OfSession(SessionSnapshot session)
    {
        (string Type, DateTimeOffset At)? transition = session.State switch
        {
            SessionState.Scheduled => (WebhookEventTypes.SessionScheduled, session.CreatedOn),
            SessionState.Live => (WebhookEventTypes.SessionStarted, session.StartedAt ?? session.UpdatedOn),
            SessionState.Ended => (WebhookEventTypes.SessionEnded, session.EndedAt ?? session.UpdatedOn),
            SessionState.Expired => (WebhookEventTypes.SessionExpired, session.UpdatedOn),
            _ => null,
        };
        if (transition is not { } t)
        {
            return null;
        }

        return Create(session.Id, session.LibraryId, t.Type, t.At, new
        {
            SessionId = session.Id,
            session.RoomId,
            session.LibraryId,
            session.HostId,
            session.Name,
            State = session.State.ToString().ToLowerInvariant(),
            session.ScheduledAt,
            session.StartedAt,
            session.EndedAt,
            EndReason = session.EndReason is { } reason ? JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()) : null,
        });
    }

    private static WebhookEvent? OfRecording(RecordingSnapshot recording)
    {
        var type = recording.Status switch
        {
            RecordingStatus.Ready => WebhookEventTypes.RecordingReady,
            RecordingStatus.Failed => WebhookEventTypes.RecordingFailed,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        return Create(recording.Id, recording.LibraryId, type, recording.ReadyAt ?? recording.UpdatedOn, new
        {
            RecordingId = recording.Id,
            recording.SessionId,
            recording.RoomId,
            recording.LibraryId,
            recording.Title,
            Status = recording.Status.ToString().ToLowerInvariant(),
            recording.SizeBytes,
            recording.DurationSeconds,
            recording.ReadyAt,
            recording.Error,
        });
    }
}
