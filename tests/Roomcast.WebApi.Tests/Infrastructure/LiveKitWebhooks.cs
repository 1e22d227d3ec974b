using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Roomcast.Testing.LiveKit;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>
/// Webhook requests as LiveKit sends them: a protojson <c>WebhookEvent</c> body with <c>Content-Type:
/// application/webhook+json</c>, and in <c>Authorization</c> (bare) an HS256 JWT of the API key pair whose
/// <c>sha256</c> claim is the base64 SHA-256 of the body, with the header and claims LiveKit's SDKs write (signed by
/// <see cref="LiveKitWebhookBodies.Sign"/>, which also builds room, track and egress bodies).
/// </summary>
public static class LiveKitWebhooks
{
    public const string Path = "/v1/webhooks/livekit";

    public static string Sign(string body, string apiKey, string apiSecret, DateTimeOffset? now = null, TimeSpan? lifetime = null) =>
        LiveKitWebhookBodies.Sign(body, apiKey, apiSecret, now, lifetime);

    /// <summary>A participant event in a session's room, as LiveKit writes it (int64 times as strings).</summary>
    public static string ParticipantEvent(string name, Guid sessionId, string identity, DateTimeOffset createdAt,
        string? id = null, string displayName = "Webhook Viewer") =>
        JsonSerializer.Serialize(new
        {
            @event = name,
            room = new { sid = "RM_" + sessionId.ToString("N")[..12], name = $"session-{sessionId:D}" },
            participant = new
            {
                sid = "PA_" + Guid.NewGuid().ToString("N")[..12],
                identity,
                name = displayName,
                state = name == "participant_left" ? "DISCONNECTED" : "ACTIVE",
                joinedAt = createdAt.ToUnixTimeSeconds().ToString(),
            },
            id = id ?? NewEventId(),
            createdAt = createdAt.ToUnixTimeSeconds().ToString(),
        });

    public static string NewEventId() => LiveKitWebhookBodies.NewEventId();

    public static HttpRequestMessage Request(string body, string? authorization, string contentType = "application/webhook+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

}
