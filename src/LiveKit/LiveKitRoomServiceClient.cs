using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Roomcast.Errors;
using static Roomcast.LiveKit.LiveKitJson;

namespace Roomcast.LiveKit;

/// <summary>
/// LiveKit's RoomService over Twirp's JSON protocol: <c>POST {ApiUrl}/twirp/livekit.RoomService/{Method}</c> with a
/// JSON body and an admin token. Requests use the proto field names (snake_case), which LiveKit accepts as well as
/// lowerCamelCase; answers are read in either spelling, with int64 fields as JSON strings or numbers.
/// </summary>
public sealed class LiveKitRoomServiceClient : ILiveKitRoomService
{
    private readonly LiveKitTwirpCaller _twirp;

    public LiveKitRoomServiceClient(HttpClient http, LiveKitTokens tokens, ILogger<LiveKitRoomServiceClient> logger)
    {
        _twirp = new LiveKitTwirpCaller(http, tokens, logger, "RoomService");
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

    private Task<JsonDocument?> CallAsync(string method, JsonObject body, LiveKitAdminGrant grant, bool retry,
        CancellationToken cancellationToken) => _twirp.CallAsync(method, body, grant, retry, cancellationToken);

    private static RoomcastException NotFound(string method, string what) => LiveKitTwirpCaller.NotFound(method, what);

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
            permission)
        {
            Tracks = ReadTracks(p),
        };
    }

    // TrackInfo.type and .source: enum names, or numbers in the order of livekit_models.proto.
    private static readonly string[] TrackTypes = ["AUDIO", "VIDEO", "DATA"];
    private static readonly string[] TrackSources = ["UNKNOWN", "CAMERA", "MICROPHONE", "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"];

    private static IReadOnlyList<LiveKitTrackInfo> ReadTracks(JsonElement p)
    {
        if (!TryGet(p, "tracks", "tracks", out var tracks) || tracks.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return tracks.EnumerateArray()
            .Where(t => t.ValueKind == JsonValueKind.Object)
            .Select(t => new LiveKitTrackInfo(
                ReadString(t, "sid", "sid") ?? "",
                // Unpopulated enums are their zero value: AUDIO, UNKNOWN.
                ReadEnum(t, "type", "type", TrackTypes) ?? TrackTypes[0],
                ReadEnum(t, "source", "source", TrackSources) ?? TrackSources[0],
                ReadBool(t, "muted", "muted")))
            .ToList();
    }

    // ParticipantInfo.State: protojson writes the enum's name; a number is read too. Unpopulated means 0, JOINING.
    private static readonly string[] States = ["JOINING", "JOINED", "ACTIVE", "DISCONNECTED"];

    private static string ReadState(JsonElement p) => ReadEnum(p, "state", "state", States) ?? States[0];
}
