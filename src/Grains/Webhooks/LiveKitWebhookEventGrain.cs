using Microsoft.Extensions.Logging;
using Roomcast.Audience;
using Roomcast.Errors;
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

    public async Task<bool> ApplyAsync(LiveKitParticipantEvent participantEvent)
    {
        if (state.State.ProcessedAt is not null)
        {
            LogRedelivered(this.GetPrimaryKeyString());
            return false;
        }

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

        var now = clock.GetUtcNow();
        await state.WriteOrRevertAsync(new LiveKitWebhookEventState { ProcessedAt = now, ExpiresAt = now + Retention }, this);
        LogApplied(this.GetPrimaryKeyString(), participantEvent.Kind, participantEvent.SessionId, participantEvent.UserId, applied);
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

    [LoggerMessage(Level = LogLevel.Information,
        Message = "LiveKit webhook event {EventId}: participant {Kind} in session {SessionId} by {UserId} (changed attendance: {Applied})")]
    private partial void LogApplied(string eventId, LiveKitParticipantEventKind kind, Guid sessionId, Guid userId, bool applied);
}
