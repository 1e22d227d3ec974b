using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roomcast.Testing.LiveKit;

/// <summary>
/// Webhook bodies as LiveKit writes them (livekit/protocol's <c>WebhookEvent</c> in protojson: lowerCamelCase, int64
/// as strings, zero values left out; <c>createdAt</c> in unix seconds, the times inside <c>egressInfo</c> in unix
/// nanoseconds), and the <c>Authorization</c> value LiveKit sends with them (<see cref="Sign"/>).
/// </summary>
public static class LiveKitWebhookBodies
{
    public static string NewEventId() => "EV_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string EgressStarted(FakeEgress egress, DateTimeOffset createdAt, string? id = null) =>
        Egress("egress_started", egress, createdAt, id);

    public static string EgressUpdated(FakeEgress egress, DateTimeOffset createdAt, string? id = null) =>
        Egress("egress_updated", egress, createdAt, id);

    public static string EgressEnded(FakeEgress egress, DateTimeOffset createdAt, string? id = null) =>
        Egress("egress_ended", egress, createdAt, id);

    /// <summary>An egress event carrying <paramref name="egress"/> as it is (its <c>egressInfo</c>).</summary>
    public static string Egress(string eventName, FakeEgress egress, DateTimeOffset createdAt, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(egress);
        var json = Event(eventName, createdAt, id);
        json["egressInfo"] = egress.ToJson();
        return json.ToJsonString();
    }

    public static string RoomStarted(string room, DateTimeOffset createdAt, string? roomSid = null, string? id = null) =>
        RoomEvent("room_started", room, createdAt, roomSid, id);

    public static string RoomFinished(string room, DateTimeOffset createdAt, string? roomSid = null, string? id = null) =>
        RoomEvent("room_finished", room, createdAt, roomSid, id);

    public static string TrackPublished(string room, string identity, FakeTrack track, DateTimeOffset createdAt, string? id = null,
        string? participantSid = null) => TrackEvent("track_published", room, identity, track, createdAt, id, participantSid);

    public static string TrackUnpublished(string room, string identity, FakeTrack track, DateTimeOffset createdAt, string? id = null,
        string? participantSid = null) => TrackEvent("track_unpublished", room, identity, track, createdAt, id, participantSid);

    /// <summary>
    /// The <c>Authorization</c> LiveKit sends (bare, no <c>Bearer</c>): an HS256 JWT of the key pair whose
    /// <c>sha256</c> claim is the base64 SHA-256 of the body's UTF-8 bytes.
    /// </summary>
    public static string Sign(string body, string apiKey, string apiSecret, DateTimeOffset? now = null, TimeSpan? lifetime = null)
    {
        var issuedAt = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var claims = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sha256"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))),
            ["iss"] = apiKey,
            ["nbf"] = issuedAt,
            ["exp"] = issuedAt + (long)(lifetime ?? TimeSpan.FromMinutes(5)).TotalSeconds,
        });
        var signingInput = Base64Url("""{"alg":"HS256","typ":"JWT"}""") + "." + Base64Url(claims);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }

    private static string RoomEvent(string eventName, string room, DateTimeOffset createdAt, string? roomSid, string? id)
    {
        var json = Event(eventName, createdAt, id);
        json["room"] = RoomJson(room, roomSid);
        return json.ToJsonString();
    }

    private static string TrackEvent(string eventName, string room, string identity, FakeTrack track, DateTimeOffset createdAt,
        string? id, string? participantSid)
    {
        ArgumentNullException.ThrowIfNull(track);
        var json = Event(eventName, createdAt, id);
        json["room"] = RoomJson(room, null);
        json["participant"] = new JsonObject
        {
            ["sid"] = participantSid ?? "PA_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            ["identity"] = identity,
            ["state"] = "ACTIVE",
        };
        json["track"] = FakeLiveKitServer.TrackJson(track);
        return json.ToJsonString();
    }

    private static JsonObject RoomJson(string room, string? roomSid) => new()
    {
        ["sid"] = roomSid ?? "RM_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
        ["name"] = room,
    };

    private static JsonObject Event(string eventName, DateTimeOffset createdAt, string? id) => new()
    {
        ["event"] = eventName,
        ["id"] = id ?? NewEventId(),
        ["createdAt"] = createdAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
    };

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
