using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Roomcast.LiveKit;

/// <summary>
/// Writes LiveKit's access tokens: an HS256 JWT whose claims are those of LiveKit's <c>ClaimGrants</c> (<c>iss</c> the
/// API key, <c>sub</c> the identity, <c>name</c>, <c>nbf</c>/<c>exp</c> in whole seconds, <c>jti</c>, <c>video</c> with
/// the lowerCamelCase names of LiveKit's <c>VideoGrant</c>). Written by hand, property by property, so that the bytes
/// are exactly that shape and nothing else. Reads the tokens LiveKit signs its webhooks with, too.
/// </summary>
internal static class LiveKitJwt
{
    // {"alg":"HS256","typ":"JWT"}, the header every LiveKit SDK writes.
    private static readonly string Header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));

    public static string Write(string apiKey, string apiSecret, string? identity, string? name, DateTimeOffset notBefore,
        DateTimeOffset expires, string jwtId, Action<Utf8JsonWriter> writeVideoGrant)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("iss", apiKey);
            if (identity is not null)
            {
                json.WriteString("sub", identity);
            }
            if (name is not null)
            {
                json.WriteString("name", name);
            }
            json.WriteNumber("nbf", notBefore.ToUnixTimeSeconds());
            json.WriteNumber("exp", expires.ToUnixTimeSeconds());
            json.WriteString("jti", jwtId);
            json.WritePropertyName("video");
            json.WriteStartObject();
            writeVideoGrant(json);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var signingInput = Header + "." + Base64Url(payload.WrittenSpan);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url(signature);
    }

    public static void WriteParticipantGrant(Utf8JsonWriter json, LiveKitVideoGrant grant)
    {
        json.WriteString("room", grant.Room);
        json.WriteBoolean("roomJoin", grant.RoomJoin);
        json.WriteBoolean("canPublish", grant.CanPublish);
        json.WriteBoolean("canSubscribe", grant.CanSubscribe);
        json.WriteBoolean("canPublishData", grant.CanPublishData);
        if (grant.CanPublishSources is { } sources)
        {
            // Where LiveKit's own VideoGrant declares it: after canPublishData, before hidden.
            json.WriteStartArray("canPublishSources");
            foreach (var source in sources)
            {
                json.WriteStringValue(source);
            }
            json.WriteEndArray();
        }
        json.WriteBoolean("hidden", grant.Hidden);
    }

    public static void WriteAdminGrant(Utf8JsonWriter json, LiveKitAdminGrant grant)
    {
        if (grant.Room is not null)
        {
            json.WriteString("room", grant.Room);
        }
        json.WriteBoolean("roomAdmin", grant.RoomAdmin);
        json.WriteBoolean("roomCreate", grant.RoomCreate);
        json.WriteBoolean("roomList", grant.RoomList);
        if (grant.RoomRecord)
        {
            json.WriteBoolean("roomRecord", true);
        }
    }

    /// <summary>
    /// The claims of an HS256 JWT signed with <paramref name="apiSecret"/>, or null when it is malformed, names another
    /// algorithm, or its signature does not match (compared in constant time). Checks nothing else: the claims are the
    /// caller's to judge.
    /// </summary>
    public static JsonElement? ReadVerified(string jwt, string apiSecret)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || alg.GetString() != "HS256")
            {
                return null;
            }

            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            var signature = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
            if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            {
                return null;
            }

            using var payload = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object ? payload.RootElement.Clone() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
