using System.Globalization;
using System.Text.Json;

namespace Roomcast.LiveKit;

/// <summary>
/// One of LiveKit's webhook events (livekit/protocol's <c>WebhookEvent</c> in protojson: lowerCamelCase names, int64
/// as a string or a number, enums as names or numbers). Read tolerantly: a missing or oddly typed field is null, and
/// an unknown event is still an event.
/// </summary>
public sealed record LiveKitWebhookEvent(
    string Event,
    string? Id,
    DateTimeOffset? CreatedAt,
    LiveKitWebhookRoom? Room,
    LiveKitWebhookParticipant? Participant,
    LiveKitWebhookTrack? Track,
    LiveKitEgressInfo? Egress)
{
    /// <summary>The event in <paramref name="body"/>; null when the body is not a JSON object with an <c>event</c> name.</summary>
    public static LiveKitWebhookEvent? TryParse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed))
            {
                return null;
            }

            document = parsed;
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var eventName)
                || eventName.ValueKind != JsonValueKind.String || eventName.GetString() is not { Length: > 0 } name)
            {
                return null;
            }

            return new LiveKitWebhookEvent(
                name,
                Text(root, "id"),
                Seconds(root, "createdAt"),
                Object(root, "room") is { } room ? new LiveKitWebhookRoom(Text(room, "name"), Text(room, "sid")) : null,
                Object(root, "participant") is { } participant
                    ? new LiveKitWebhookParticipant(Text(participant, "identity"), Text(participant, "name"), Text(participant, "sid"))
                    : null,
                Object(root, "track") is { } track
                    ? new LiveKitWebhookTrack(Text(track, "sid"), Text(track, "type"), Text(track, "source"),
                        track.TryGetProperty("muted", out var muted) && muted.ValueKind == JsonValueKind.True)
                    : null,
                Object(root, "egressInfo") is { } egress ? LiveKitEgressInfoReader.Read(egress) : null);
        }
    }

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>A string, or a number as its text (protojson may write an enum as its number).</summary>
    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Unix seconds, as a number or a string (protojson's int64); out of range is null.</summary>
    private static DateTimeOffset? Seconds(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        long seconds;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            seconds = number;
        }
        else if (value.ValueKind == JsonValueKind.String
                 && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            seconds = parsed;
        }
        else
        {
            return null;
        }

        const long MaxSeconds = 253402300799; // 9999-12-31T23:59:59Z
        return seconds is >= 0 and <= MaxSeconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }
}
