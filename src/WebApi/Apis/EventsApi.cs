using System.Text.Json;
using Microsoft.Extensions.Options;
using Roomcast.Audience;
using Roomcast.Events;
using Roomcast.Grains.Audience;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Events;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>A session's live events as Server-Sent Events: chat, polls, hands, the stage, viewer counts, state.</summary>
public static class EventsApi
{
    public const string ContentType = "text/event-stream";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            scope.Describe(scope.Group(app, "/sessions/{sessionId}", "Events").MapGet("/events", StreamAsync), "StreamSessionEvents",
                    "Stream a session's live events (Server-Sent Events; reconnect with Last-Event-ID to get what you missed)")
                .Produces<string>(StatusCodes.Status200OK, ContentType)
                .ProducesErrors(400, 401, 403, 404, 409);
        }

        return app;
    }

    public static async Task StreamAsync(
        Guid sessionId, HttpContext http, SessionEventRelay relay, IOptions<EventStreamOptions> options, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        if (session.State is not (SessionState.Scheduled or SessionState.Live))
        {
            throw AudienceErrors.NotLive(session.State);
        }

        var caller = api.Scope.Caller.UserId;
        if (await api.Grains.Get<ISessionAudienceGrain>(sessionId).FindBanAsync(caller) is { } ban)
        {
            throw AudienceErrors.Banned(ban);
        }

        // Subscribed before the replay is read, so nothing published in between is missed; duplicates are skipped by id.
        using var subscription = await relay.SubscribeAsync(sessionId);
        var response = http.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var stopping = http.RequestAborted;
        var writer = new SseWriter(response);
        await writer.CommentAsync("connected", stopping);

        var last = http.Request.Headers["Last-Event-ID"].FirstOrDefault();
        var sent = SessionEventId.Parse(last);
        if (last is not null)
        {
            var missed = await api.Grains.Get<ISessionEventsGrain>(sessionId).GetSinceAsync(last);
            if (missed is null)
            {
                await writer.EventAsync(null, SessionEventTypes.Reload, """{"reason":"the events since Last-Event-ID are no longer held; reload"}""", stopping);
            }
            else
            {
                foreach (var missedEvent in missed)
                {
                    await writer.EventAsync(missedEvent.Id, missedEvent.Type, missedEvent.Data, stopping);
                    sent = SessionEventId.Parse(missedEvent.Id);
                }
            }
        }

        await PumpAsync(subscription, writer, sent, caller, options.Value.HeartbeatInterval, stopping);
    }

    /// <summary>Live events until the session ends, the caller is banned, the client leaves or falls a whole buffer behind.</summary>
    private static async Task PumpAsync(
        EventSubscription subscription, SseWriter writer, SessionEventId? sent, Guid caller, TimeSpan heartbeat, CancellationToken stopping)
    {
        var events = subscription.Events;
        while (!stopping.IsCancellationRequested)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            idle.CancelAfter(heartbeat);
            bool more;
            try
            {
                more = await events.WaitToReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                await writer.CommentAsync("heartbeat", stopping);
                continue;
            }

            if (!more)
            {
                return;
            }

            while (events.TryRead(out var next))
            {
                if (sent is { } already && SessionEventId.Parse(next.Event.Id) is { } id && !id.IsAfter(already))
                {
                    continue;
                }

                await writer.RecordAsync(next.Bytes, stopping);
                if (IsTheEnd(next.Event, caller))
                {
                    return;
                }
            }
        }
    }

    private static bool IsTheEnd(SessionEvent sessionEvent, Guid caller) => sessionEvent.Type switch
    {
        SessionEventTypes.ParticipantBanned => sessionEvent.Subject == caller,
        SessionEventTypes.SessionState => IsFinal(sessionEvent.Data),
        _ => false,
    };

    private static bool IsFinal(string stateData)
    {
        using var data = JsonDocument.Parse(stateData);
        return data.RootElement.TryGetProperty("state", out var state)
            && ApiEnum.TryParse<SessionState>(state.GetString() ?? "", out var parsed)
            && parsed is not (SessionState.Scheduled or SessionState.Live);
    }

    /// <summary>Writes the SSE wire format and flushes each record, so it leaves the server at once.</summary>
    private sealed class SseWriter(HttpResponse response)
    {
        public Task EventAsync(string? id, string type, string data, CancellationToken cancellationToken) =>
            RecordAsync(SseRecord.Encode(id, type, data), cancellationToken);

        public async Task RecordAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
        {
            await response.Body.WriteAsync(record, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }

        public async Task CommentAsync(string text, CancellationToken cancellationToken)
        {
            await response.WriteAsync($": {text}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
    }
}
