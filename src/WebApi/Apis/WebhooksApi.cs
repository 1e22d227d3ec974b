using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Roomcast.Errors;
using Roomcast.Grains.Media;
using Roomcast.LiveKit;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;
using Roomcast.Webhooks;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// What other systems tell Roomcast: LiveKit's webhooks. Anonymous at the HTTP level and authenticated by LiveKit's
/// signature over the raw body instead, so the body is read as bytes, never bound.
/// </summary>
public static partial class WebhooksApi
{
    public const string LiveKitPath = "/v1/webhooks/livekit";

    private static readonly string[] AcceptedMediaTypes = ["application/webhook+json", "application/json"];

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(LiveKitPath, ReceiveLiveKitAsync)
            .AllowAnonymous()
            .WithTags("Webhooks")
            .WithName("ReceiveLiveKitWebhook")
            .WithSummary("LiveKit webhook handler: a signed event (Authorization: LiveKit's JWT over the body's SHA-256) updates attendance, host presence and media sources, HLS and recording status; each event id has its effect once, and an event older than what was applied changes nothing")
            .Accepts<System.Text.Json.JsonElement>(AcceptedMediaTypes[0], AcceptedMediaTypes[1..])
            .ProducesErrors(400, 401, 413, 415, 503);
        return app;
    }

    public static async Task<Results<Ok<ApiResponse<LiveKitWebhookResponse>>, JsonHttpResult<ApiErrorResponse>>> ReceiveLiveKitAsync(
        HttpRequest request, [AsParameters] WebhookServices api)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !AcceptedMediaTypes.Contains(mediaType.MediaType.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Json(api.Envelope.Error("unsupported_media_type",
                "LiveKit webhooks are application/webhook+json (or application/json).",
                [new FieldError("Content-Type", "must be application/webhook+json or application/json")]),
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var body = await ReadBodyAsync(request);
        if (!api.Verifier.IsAuthentic(request.Headers.Authorization.ToString(), body))
        {
            return TypedResults.Json(api.Envelope.Error("invalid_signature",
                    "The Authorization header is not a valid LiveKit webhook signature of this body."),
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var webhook = LiveKitWebhookEvent.TryParse(body)
                      ?? throw RoomcastException.Invalid("body", "must be a LiveKit webhook event: a JSON object with an event name");
        var outcome = webhook.Event switch
        {
            LiveKitWebhookEventNames.ParticipantJoined => await ApplyParticipantEventAsync(webhook, LiveKitParticipantEventKind.Joined, body, api),
            LiveKitWebhookEventNames.ParticipantLeft => await ApplyParticipantEventAsync(webhook, LiveKitParticipantEventKind.Left, body, api),
            LiveKitWebhookEventNames.EgressStarted or LiveKitWebhookEventNames.EgressUpdated or LiveKitWebhookEventNames.EgressEnded =>
                await ApplyEgressEventAsync(webhook, body, api),
            LiveKitWebhookEventNames.TrackPublished => await ApplyTrackEventAsync(webhook, published: true, body, api),
            LiveKitWebhookEventNames.TrackUnpublished => await ApplyTrackEventAsync(webhook, published: false, body, api),
            LiveKitWebhookEventNames.RoomStarted => await ApplyRoomEventAsync(webhook, finished: false, body, api),
            LiveKitWebhookEventNames.RoomFinished => await ApplyRoomEventAsync(webhook, finished: true, body, api),
            _ => Outcomes.Ignored,
        };

        LogReceived(api.Logger, webhook.Event, webhook.Id, webhook.Room?.Name ?? webhook.Egress?.RoomName, webhook.Participant?.Identity, outcome);
        return api.Envelope.Ok(new LiveKitWebhookResponse(webhook.Event, webhook.Id, outcome));
    }

    private static async Task<string> ApplyParticipantEventAsync(
        LiveKitWebhookEvent webhook, LiveKitParticipantEventKind kind, byte[] body, WebhookServices api)
    {
        // A room that is not a session's, a monitor ({userId}:monitor) or a stranger: nothing to do, and a 200 so that
        // LiveKit does not retry it forever.
        if (!Guid.TryParseExact(webhook.Participant?.Identity, "D", out var userId)
            || await FindSessionAsync(webhook.Room?.Name, api) is not { } session)
        {
            return Outcomes.Ignored;
        }

        var participantEvent = new LiveKitParticipantEvent(kind, session.Id, userId,
            webhook.Participant?.Name is { Length: > 0 } name ? name : userId.ToString(),
            AttendeeRoles.Of(userId, session), session.State,
            webhook.CreatedAt ?? api.Clock.GetUtcNow());
        return Outcome(await EventGrain(webhook, body, api).ApplyAsync(participantEvent));
    }

    private static async Task<string> ApplyEgressEventAsync(LiveKitWebhookEvent webhook, byte[] body, WebhookServices api)
    {
        if (webhook.Egress is not { } egress || await FindSessionAsync(egress.RoomName is { Length: > 0 } room ? room : webhook.Room?.Name, api) is not { } session)
        {
            return Outcomes.Ignored;
        }

        var report = EgressReports.From(egress, session.Id, webhook.CreatedAt ?? api.Clock.GetUtcNow());
        return Outcome(await EventGrain(webhook, body, api).ApplyAsync(report));
    }

    /// <summary>The host's camera and microphone only: they are the session's media sources.</summary>
    private static async Task<string> ApplyTrackEventAsync(LiveKitWebhookEvent webhook, bool published, byte[] body, WebhookServices api)
    {
        MediaKind? kind = webhook.Track?.Source switch
        {
            "CAMERA" => MediaKind.Video,
            "MICROPHONE" => MediaKind.Audio,
            _ => null,
        };
        if (kind is null || await FindSessionAsync(webhook.Room?.Name, api) is not { } session
            || webhook.Participant?.Identity != session.HostId.ToString("D"))
        {
            return Outcomes.Ignored;
        }

        var trackEvent = new LiveKitHostTrackEvent(session.Id, kind.Value, published, webhook.CreatedAt ?? api.Clock.GetUtcNow());
        return Outcome(await EventGrain(webhook, body, api).ApplyAsync(trackEvent));
    }

    private static async Task<string> ApplyRoomEventAsync(LiveKitWebhookEvent webhook, bool finished, byte[] body, WebhookServices api)
    {
        if (await FindSessionAsync(webhook.Room?.Name, api) is not { } session)
        {
            return Outcomes.Ignored;
        }

        var roomEvent = new LiveKitRoomEvent(session.Id, finished, webhook.CreatedAt ?? api.Clock.GetUtcNow());
        return Outcome(await EventGrain(webhook, body, api).ApplyAsync(roomEvent));
    }

    /// <summary>The session whose room this is; null for a room that is no session's, or a session that does not exist.</summary>
    private static async Task<SessionSnapshot?> FindSessionAsync(string? room, WebhookServices api)
    {
        if (!LiveKitRoomNames.TryGetSession(room, out var sessionId))
        {
            return null;
        }

        try
        {
            return await api.Grains.Get<ISessionGrain>(sessionId).GetAsync();
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static ILiveKitWebhookEventGrain EventGrain(LiveKitWebhookEvent webhook, byte[] body, WebhookServices api) =>
        api.GrainFactory.GetGrain<ILiveKitWebhookEventGrain>(EventKey(webhook, body));

    private static string Outcome(bool applied) => applied ? Outcomes.Processed : Outcomes.Duplicate;

    /// <summary>The event's id; for an event without one (LiveKit always sends it), the hash of the body, so an identical redelivery is still one event.</summary>
    private static string EventKey(LiveKitWebhookEvent webhook, byte[] body) =>
        webhook.Id is { Length: > 0 and <= 200 } id ? "livekit:" + id : "livekit-body:" + Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>The raw bytes the signature covers; <see cref="RequestBodyGuard"/> already held them to the route's limit.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static class Outcomes
    {
        public const string Processed = "processed";
        public const string Duplicate = "duplicate";
        public const string Ignored = "ignored";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LiveKit webhook {Event} ({EventId}) room {Room} participant {Identity}: {Outcome}")]
    private static partial void LogReceived(ILogger logger, string @event, string? eventId, string? room, string? identity, string outcome);
}
