using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Roomcast.Errors;
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
            .WithSummary("LiveKit webhook handler: a signed event (Authorization: LiveKit's JWT over the body's SHA-256) updates attendance and host presence; each event id has its effect once")
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
            _ => Outcomes.Ignored,
        };

        // room_started/room_finished, track_published/track_unpublished and egress_* change nothing yet: the recording
        // and stream-health half of issue 17 will act on them. Logged, so a deployment can see LiveKit reach Roomcast.
        LogReceived(api.Logger, webhook.Event, webhook.Id, webhook.Room?.Name ?? webhook.Egress?.RoomName, webhook.Participant?.Identity, outcome);
        return api.Envelope.Ok(new LiveKitWebhookResponse(webhook.Event, webhook.Id, outcome));
    }

    private static async Task<string> ApplyParticipantEventAsync(
        LiveKitWebhookEvent webhook, LiveKitParticipantEventKind kind, byte[] body, WebhookServices api)
    {
        // A room that is not a session's, a monitor ({userId}:monitor) or a stranger: nothing to do, and a 200 so that
        // LiveKit does not retry it forever.
        if (!LiveKitRoomNames.TryGetSession(webhook.Room?.Name, out var sessionId)
            || !Guid.TryParseExact(webhook.Participant?.Identity, "D", out var userId))
        {
            return Outcomes.Ignored;
        }

        SessionSnapshot session;
        try
        {
            session = await api.Grains.Get<ISessionGrain>(sessionId).GetAsync();
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            return Outcomes.Ignored;
        }

        var participantEvent = new LiveKitParticipantEvent(kind, sessionId, userId,
            webhook.Participant?.Name is { Length: > 0 } name ? name : userId.ToString(),
            AttendeeRoles.Of(userId, session), session.State,
            webhook.CreatedAt ?? api.Clock.GetUtcNow());
        var applied = await api.GrainFactory.GetGrain<ILiveKitWebhookEventGrain>(EventKey(webhook, body)).ApplyAsync(participantEvent);
        return applied ? Outcomes.Processed : Outcomes.Duplicate;
    }

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
