using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Roomcast.Errors;

namespace Roomcast.LiveKit;

/// <summary>
/// LiveKit's RoomService over Twirp's JSON protocol: <c>POST {ApiUrl}/twirp/livekit.RoomService/{Method}</c> with a
/// JSON body and an admin token. Requests use the proto field names (snake_case), which LiveKit accepts as well as
/// lowerCamelCase; answers are read in either spelling, with int64 fields as JSON strings or numbers.
/// </summary>
public sealed class LiveKitRoomServiceClient : ILiveKitRoomService
{
    private const string ServicePath = "twirp/livekit.RoomService/";

    // A body for a JSON API, never for HTML: quotes and non-ASCII as themselves, as LiveKit's SDKs send them.
    private static readonly JsonSerializerOptions BodyJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _http;
    private readonly LiveKitTokens _tokens;
    private readonly ILogger<LiveKitRoomServiceClient> _logger;

    public LiveKitRoomServiceClient(HttpClient http, LiveKitTokens tokens, ILogger<LiveKitRoomServiceClient> logger)
    {
        _http = http;
        _tokens = tokens;
        _logger = logger;
    }

    public async Task<LiveKitRoom> CreateRoomAsync(LiveKitRoomOptions room, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        var body = new JsonObject
        {
            ["name"] = room.Name,
            ["empty_timeout"] = (uint)Math.Max(0, room.EmptyTimeout.TotalSeconds),
            ["max_participants"] = (uint)Math.Max(0, room.MaxParticipants),
        };
        if (room.Metadata is not null)
        {
            body["metadata"] = room.Metadata;
        }
        using var answer = await CallAsync("CreateRoom", body, new LiveKitAdminGrant(Room: null), retry: true, cancellationToken);
        return answer is null ? throw NotFound("CreateRoom", room.Name) : ReadRoom(answer.RootElement);
    }

    public async Task DeleteRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        using var _ = await CallAsync("DeleteRoom", new JsonObject { ["room"] = room }, new LiveKitAdminGrant(room), retry: true,
            cancellationToken);
    }

    /// <summary>A room that does not exist has no participants: an empty list.</summary>
    public async Task<IReadOnlyList<LiveKitParticipantInfo>> ListParticipantsAsync(string room,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        using var answer = await CallAsync("ListParticipants", new JsonObject { ["room"] = room }, new LiveKitAdminGrant(room),
            retry: true, cancellationToken);
        if (answer is null || !TryGet(answer.RootElement, "participants", "participants", out var list)
            || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return list.EnumerateArray().Select(ReadParticipant).ToList();
    }

    public async Task RemoveParticipantAsync(string room, string identity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        using var _ = await CallAsync("RemoveParticipant", new JsonObject { ["room"] = room, ["identity"] = identity },
            new LiveKitAdminGrant(room), retry: true, cancellationToken);
    }

    /// <summary>Throws a NotFound <see cref="RoomcastException"/> (<c>livekit_not_found</c>) when the participant is not in the room.</summary>
    public async Task<LiveKitParticipantInfo> UpdateParticipantAsync(string room, string identity,
        LiveKitParticipantPermission permission, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ArgumentNullException.ThrowIfNull(permission);
        var permissionJson = new JsonObject
        {
            ["can_subscribe"] = permission.CanSubscribe,
            ["can_publish"] = permission.CanPublish,
            ["can_publish_data"] = permission.CanPublishData,
            ["hidden"] = permission.Hidden,
        };
        if (permission.CanPublishSources is { } sources)
        {
            permissionJson["can_publish_sources"] = new JsonArray(sources.Select(s => (JsonNode)LiveKitTrackSources.ProtoName(s)).ToArray());
        }

        var body = new JsonObject
        {
            ["room"] = room,
            ["identity"] = identity,
            ["permission"] = permissionJson,
        };
        using var answer = await CallAsync("UpdateParticipant", body, new LiveKitAdminGrant(room), retry: true, cancellationToken);
        return answer is null ? throw NotFound("UpdateParticipant", $"participant {identity} of room {room}")
            : ReadParticipant(answer.RootElement);
    }

    /// <summary>
    /// Sends once, never retried (a retry after a lost answer would deliver twice). Throws a NotFound
    /// <see cref="RoomcastException"/> (<c>livekit_not_found</c>) when the room does not exist.
    /// </summary>
    public async Task SendDataAsync(string room, ReadOnlyMemory<byte> data, string? topic,
        IReadOnlyList<string>? destinationIdentities, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        var body = new JsonObject
        {
            ["room"] = room,
            ["data"] = Convert.ToBase64String(data.Span),
            ["kind"] = "RELIABLE",
            ["destination_identities"] = new JsonArray((destinationIdentities ?? []).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
        };
        if (topic is not null)
        {
            body["topic"] = topic;
        }
        using var answer = await CallAsync("SendData", body, new LiveKitAdminGrant(room), retry: false, cancellationToken);
        if (answer is null)
        {
            throw NotFound("SendData", $"room {room}");
        }
    }

    /// <summary>The answer's JSON, or null when LiveKit answered Twirp's <c>not_found</c>.</summary>
    private async Task<JsonDocument?> CallAsync(string method, JsonObject body, LiveKitAdminGrant grant, bool retry,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ServicePath + method)
        {
            Content = new StringContent(body.ToJsonString(BodyJson), Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.IssueAdmin(grant));
        if (!retry)
        {
            request.Options.Set(LiveKitRequestOptions.AllowRetry, false);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException)
        {
            throw Unavailable(method, "the circuit is open after repeated failures");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            throw Unavailable(method, e is HttpRequestException ? $"unreachable ({e.Message})" : "timed out");
        }

        using (response)
        {
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested
                && e is HttpRequestException or OperationCanceledException or IOException)
            {
                throw Unavailable(method, "the answer was cut off");
            }

            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
                }
                catch (JsonException)
                {
                    throw Unavailable(method, $"answered HTTP {(int)response.StatusCode} with a body that is not JSON");
                }
            }

            var (code, message) = ReadTwirpError(text);
            if (code == "not_found")
            {
                return null;
            }
            if ((int)response.StatusCode >= 500 || code is "unavailable" or "internal" or "unknown" or "deadline_exceeded"
                    or "resource_exhausted" or "canceled" || response.StatusCode is HttpStatusCode.TooManyRequests
                    or HttpStatusCode.RequestTimeout)
            {
                throw Unavailable(method, $"answered HTTP {(int)response.StatusCode} {code ?? "(no twirp code)"}: {message}");
            }
            _logger.LogWarning("LiveKit {Method} was rejected: HTTP {Status} {TwirpCode}: {TwirpMessage}", method,
                (int)response.StatusCode, code, message);
            throw new InvalidOperationException(
                $"LiveKit rejected {method}: HTTP {(int)response.StatusCode}, twirp code '{code}', message '{message}'.");
        }
    }

    private RoomcastException Unavailable(string method, string reason)
    {
        _logger.LogWarning("LiveKit {Method} failed: {Reason}", method, reason);
        return new RoomcastException(ErrorKind.Unavailable, "livekit_unavailable",
            $"LiveKit is unavailable ({method}: {reason}); try again later.");
    }

    private static RoomcastException NotFound(string method, string what) =>
        new(ErrorKind.NotFound, "livekit_not_found", $"LiveKit has no {what} ({method}).");

    private static (string? Code, string? Message) ReadTwirpError(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return (ReadString(doc.RootElement, "code", "code"), ReadString(doc.RootElement, "msg", "msg"));
        }
        catch (JsonException)
        {
            return (null, text.Length > 200 ? text[..200] : text);
        }
    }

    private static LiveKitRoom ReadRoom(JsonElement room)
    {
        var created = ReadInt64(room, "creation_time", "creationTime");
        return new LiveKitRoom(
            ReadString(room, "sid", "sid") ?? "",
            ReadString(room, "name", "name") ?? "",
            (int)(ReadInt64(room, "num_participants", "numParticipants") ?? 0),
            created is > 0 ? DateTimeOffset.FromUnixTimeSeconds(created.Value) : null);
    }

    private static LiveKitParticipantInfo ReadParticipant(JsonElement p)
    {
        var joined = ReadInt64(p, "joined_at", "joinedAt");
        LiveKitParticipantPermission? permission = null;
        if (TryGet(p, "permission", "permission", out var perm) && perm.ValueKind == JsonValueKind.Object)
        {
            permission = new LiveKitParticipantPermission(
                ReadBool(perm, "can_subscribe", "canSubscribe"),
                ReadBool(perm, "can_publish", "canPublish"),
                ReadBool(perm, "can_publish_data", "canPublishData"),
                ReadBool(perm, "hidden", "hidden"));
        }
        return new LiveKitParticipantInfo(
            ReadString(p, "sid", "sid") ?? "",
            ReadString(p, "identity", "identity") ?? "",
            ReadString(p, "name", "name") is { Length: > 0 } name ? name : null,
            ReadState(p),
            joined is > 0 ? DateTimeOffset.FromUnixTimeSeconds(joined.Value) : null,
            permission);
    }

    // ParticipantInfo.State: protojson writes the enum's name; a number is read too. Unpopulated means 0, JOINING.
    private static readonly string[] States = ["JOINING", "JOINED", "ACTIVE", "DISCONNECTED"];

    private static string ReadState(JsonElement p)
    {
        if (!TryGet(p, "state", "state", out var state))
        {
            return States[0];
        }
        return state.ValueKind switch
        {
            JsonValueKind.String => state.GetString() ?? States[0],
            JsonValueKind.Number when state.TryGetInt32(out var n) && n >= 0 && n < States.Length => States[n],
            _ => state.ToString(),
        };
    }

    private static bool TryGet(JsonElement obj, string snake, string camel, out JsonElement value)
    {
        value = default;
        return obj.ValueKind == JsonValueKind.Object
            && (obj.TryGetProperty(snake, out value) || obj.TryGetProperty(camel, out value))
            && value.ValueKind != JsonValueKind.Null;
    }

    private static string? ReadString(JsonElement obj, string snake, string camel) =>
        TryGet(obj, snake, camel, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool ReadBool(JsonElement obj, string snake, string camel) =>
        TryGet(obj, snake, camel, out var v) && v.ValueKind == JsonValueKind.True;

    // protojson writes 64-bit integers as strings ("1700000000"), 32-bit ones as numbers; both are read.
    private static long? ReadInt64(JsonElement obj, string snake, string camel)
    {
        if (!TryGet(obj, snake, camel, out var v))
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(v.GetString(), out var n) => n,
            _ => null,
        };
    }
}
