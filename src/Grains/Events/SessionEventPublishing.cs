using Microsoft.Extensions.Logging;
using Roomcast.Events;

namespace Roomcast.Grains.Events;

/// <summary>
/// How a grain tells a session's stream what just happened, after its change is stored: the event is a view of
/// that change, so a hub that cannot be reached costs the stream an event (its clients reload), never the change.
/// </summary>
public static partial class SessionEventPublishing
{
    public static async Task PublishSessionEventAsync(this IGrainFactory grains, Guid sessionId, SessionEventDraft draft, ILogger logger)
    {
        try
        {
            await grains.GetGrain<ISessionEventsGrain>(sessionId).PublishAsync(draft);
        }
        catch (Exception e)
        {
            LogPublishFailed(logger, e, draft.Type, sessionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: the {EventType} event could not be published to its stream")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string eventType, Guid sessionId);
}
