using Microsoft.Extensions.Logging;
using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Media;
using Roomcast.Recordings;
using Roomcast.Sessions;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Webhooks;

/// <summary>
/// Applies one LiveKit webhook event once. The mark is written only after the effect succeeded: a failure leaves the
/// event unmarked for LiveKit's retry, and a crash between the effect and the mark applies it a second time, which the
/// effects tolerate (a present person joining again is seen again; a departure of someone gone changes nothing).
/// </summary>
public sealed partial class LiveKitWebhookEventGrain(
    [PersistentState("livekit-webhook-event", GrainStorage.Name)] IPersistentState<LiveKitWebhookEventState> state,
    TimeProvider clock,
    ILogger<LiveKitWebhookEventGrain> logger) : Grain, ILiveKitWebhookEventGrain
{
    /// <summary>How long a processed event id is remembered: far longer than LiveKit keeps retrying one delivery.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public Task<bool> ApplyAsync(LiveKitParticipantEvent participantEvent) =>
        OnceAsync(async () =>
        {
            var audience = GrainFactory.GetGrain<ISessionAudienceGrain>(participantEvent.SessionId);
            bool applied;
            if (participantEvent.Kind == LiveKitParticipantEventKind.Joined)
            {
                if (participantEvent.Role == AttendeeRole.Host)
                {
                    await RecordHostSignalAsync(participantEvent.SessionId);
                }

                applied = await audience.RoomJoinedAsync(new RoomArrival(participantEvent.UserId, participantEvent.DisplayName,
                    participantEvent.Role, participantEvent.SessionState, participantEvent.OccurredAt));
            }
            else
            {
                // The host leaving needs nothing more: the health check ends the session once the departure timeout passes
                // without a host signal.
                applied = await audience.RoomLeftAsync(participantEvent.UserId, participantEvent.OccurredAt);
            }

            return $"participant {participantEvent.Kind} in session {participantEvent.SessionId} by {participantEvent.UserId} (changed attendance: {applied})";
        });

    public Task<bool> ApplyAsync(EgressReport report) =>
        OnceAsync(async () =>
        {
            var owner = await GrainFactory.GetGrain<ISessionMediaGrain>(report.SessionId).ApplyEgressAsync(report) ? "stream"
                : await GrainFactory.GetGrain<ISessionRecordingsGrain>(report.SessionId).ApplyEgressAsync(report) ? "recording"
                : "nothing (an egress Roomcast did not start)";
            return $"egress {report.EgressId} of session {report.SessionId} {report.Phase}: applied to {owner}";
        });

    public Task<bool> ApplyAsync(LiveKitHostTrackEvent trackEvent) =>
        OnceAsync(async () =>
        {
            try
            {
                await GrainFactory.GetGrain<ISessionGrain>(trackEvent.SessionId).ChangeHostMediaAsync(
                    new MediaStateChange(trackEvent.Kind, trackEvent.Published, Device: null, Name: null, trackEvent.OccurredAt));
                return $"host {trackEvent.Kind} {(trackEvent.Published ? "published" : "unpublished")} in session {trackEvent.SessionId}";
            }
            catch (RoomcastException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.NotFound)
            {
                return $"host track in session {trackEvent.SessionId} ignored: {e.Code}";
            }
        });

    public Task<bool> ApplyAsync(LiveKitRoomEvent roomEvent) =>
        OnceAsync(async () =>
        {
            await GrainFactory.GetGrain<ISessionMediaGrain>(roomEvent.SessionId).ApplyRoomAsync(roomEvent.Finished, roomEvent.OccurredAt);
            return $"room of session {roomEvent.SessionId} {(roomEvent.Finished ? "finished" : "started")}";
        });

    /// <summary>Applies the effect unless this event was applied before, then marks it; the effect describes itself for the log.</summary>
    private async Task<bool> OnceAsync(Func<Task<string>> effect)
    {
        if (state.State.ProcessedAt is not null)
        {
            LogRedelivered(this.GetPrimaryKeyString());
            return false;
        }

        var outcome = await effect();
        var now = clock.GetUtcNow();
        await state.WriteOrRevertAsync(new LiveKitWebhookEventState { ProcessedAt = now, ExpiresAt = now + Retention }, this);
        LogApplied(this.GetPrimaryKeyString(), outcome);
        DeactivateOnIdle();
        return true;
    }

    private async Task RecordHostSignalAsync(Guid sessionId)
    {
        try
        {
            await GrainFactory.GetGrain<ISessionGrain>(sessionId).HeartbeatAsync();
        }
        catch (RoomcastException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.NotFound)
        {
            // Not live (any more): a host in the room of a session that is over signals nothing.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "LiveKit webhook event {EventId} was delivered again; already applied")]
    private partial void LogRedelivered(string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "LiveKit webhook event {EventId}: {Outcome}")]
    private partial void LogApplied(string eventId, string outcome);
}
