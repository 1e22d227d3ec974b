using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Roomcast.Testing.LiveKit;

/// <summary>
/// A stand-in for LiveKit's server API on 127.0.0.1 (a free port): the Twirp JSON routes of
/// <c>livekit.RoomService</c> and <c>livekit.Egress</c> that Roomcast uses, over a small in-memory model of rooms,
/// participants (with their tracks) and egresses. Every call must carry a bearer token signed with
/// <see cref="ApiSecret"/>, issued by <see cref="ApiKey"/>, whose video grant admits it (<c>roomCreate</c> for
/// CreateRoom, <c>roomAdmin</c> + the call's <c>room</c> for the other RoomService calls, <c>roomRecord</c> for Egress);
/// others get Twirp's <c>unauthenticated</c>/<c>permission_denied</c>. Egresses never move by themselves: a test moves
/// them (<see cref="SetEgressStatus"/>) and builds the webhooks LiveKit would send (<see cref="LiveKitWebhookBodies"/>). Each call is recorded (<see cref="Calls"/>), and the fake
/// can be told to fail calls (<see cref="FailNext"/>, <see cref="FailAlways"/>).
/// Answers are written the way protojson does by default (lowerCamelCase, int64 as strings, zero values left out);
/// <see cref="UseProtoNames"/> switches to the proto field names.
/// <code>
/// await using var livekit = await FakeLiveKitServer.StartAsync();
/// // configuration: LiveKit:ApiUrl = livekit.Url, LiveKit:ApiKey = livekit.ApiKey, LiveKit:ApiSecret = livekit.ApiSecret
/// </code>
/// </summary>
public sealed class FakeLiveKitServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeLiveKitCall> _calls = new();
    private readonly object _lock = new();
    private readonly Dictionary<string, FakeRoom> _rooms = new(StringComparer.Ordinal);
    private readonly List<FakeEgress> _egresses = [];
    private readonly Queue<FakeLiveKitFailure> _failNext = new();
    private readonly CancellationTokenSource _stopping = new();
    private static readonly HashSet<string> EgressMethods =
        ["StartRoomCompositeEgress", "StartTrackCompositeEgress", "StopEgress", "ListEgress"];

    private FakeLiveKitFailure? _failAlways;
    private long _sids;

    private FakeLiveKitServer(WebApplication app, string apiKey, string apiSecret)
    {
        _app = app;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
    }

    /// <summary>The http base URL of the server API (<c>LiveKit:ApiUrl</c>).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The same server as a ws URL (<c>LiveKit:Url</c>); nothing answers WebSockets there.</summary>
    public string WsUrl => "ws://" + Url["http://".Length..];

    public string ApiKey { get; }

    public string ApiSecret { get; }

    /// <summary>Every call that reached the fake, in arrival order (failed and unauthorized ones included).</summary>
    public IReadOnlyList<FakeLiveKitCall> Calls => _calls.ToArray();

    /// <summary>The clock of egress times (started, updated, ended); the system clock unless a test sets another.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every egress started, in start order, as it is now.</summary>
    public IReadOnlyList<FakeEgress> Egresses
    {
        get
        {
            lock (_lock)
            {
                return _egresses.ToList();
            }
        }
    }

    public FakeEgress? Egress(string egressId)
    {
        lock (_lock)
        {
            return _egresses.Find(e => e.EgressId == egressId);
        }
    }

    /// <summary>
    /// Moves an egress as LiveKit's egress worker would: sets its status (and error), replaces its files or segments
    /// when given, stamps <c>updated_at</c>, and <c>started_at</c>/<c>ended_at</c> on the first move to active or to an
    /// end. Returns the egress as it now is, for <see cref="LiveKitWebhookBodies"/>.
    /// </summary>
    public FakeEgress SetEgressStatus(string egressId, FakeEgressStatus status, string? error = null,
        IReadOnlyList<FakeEgressFile>? files = null, IReadOnlyList<FakeEgressSegments>? segments = null)
    {
        lock (_lock)
        {
            var index = _egresses.FindIndex(e => e.EgressId == egressId);
            if (index < 0)
            {
                throw new InvalidOperationException($"The fake LiveKit has no egress {egressId}.");
            }
            var now = Clock.GetUtcNow();
            var egress = _egresses[index];
            var ended = status is FakeEgressStatus.Complete or FakeEgressStatus.Failed or FakeEgressStatus.Aborted
                or FakeEgressStatus.LimitReached;
            egress = egress with
            {
                Status = status,
                Error = error ?? egress.Error,
                Files = files ?? egress.Files,
                Segments = segments ?? egress.Segments,
                UpdatedAt = now,
                StartedAt = egress.StartedAt ?? (status == FakeEgressStatus.Starting ? null : now),
                EndedAt = egress.EndedAt ?? (ended ? now : null),
            };
            _egresses[index] = egress;
            return egress;
        }
    }

    /// <summary>Publishes a track for a participant already in the room (<see cref="AddParticipant"/>).</summary>
    public FakeTrack PublishTrack(string room, string identity, string type = "VIDEO", string source = "CAMERA", bool muted = false)
    {
        lock (_lock)
        {
            if (!_rooms.TryGetValue(room, out var r) || !r.Participants.TryGetValue(identity, out var p))
            {
                throw new InvalidOperationException($"The fake LiveKit has no participant {identity} in room {room}.");
            }
            var track = new FakeTrack("TR_" + Interlocked.Increment(ref _sids), type, source, muted);
            r.Participants[identity] = p with { Tracks = [.. p.Tracks, track] };
            return track;
        }
    }

    /// <summary>A webhook <c>Authorization</c> value for <paramref name="body"/>, signed with this fake's key pair.</summary>
    public string SignWebhook(string body, DateTimeOffset? now = null) => LiveKitWebhookBodies.Sign(body, ApiKey, ApiSecret, now);

    /// <summary>Answer with the proto field names (<c>joined_at</c>) instead of protojson's default lowerCamelCase.</summary>
    public bool UseProtoNames { get; set; }

    public static async Task<FakeLiveKitServer> StartAsync(string? apiKey = null, string? apiSecret = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeLiveKitServer(app,
            apiKey ?? "fake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            apiSecret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        app.MapPost("/twirp/livekit.RoomService/{method}", (string method, HttpContext context) => server.HandleAsync(method, context));
        app.MapPost("/twirp/livekit.Egress/{method}", (string method, HttpContext context) =>
            EgressMethods.Contains(method) ? server.HandleAsync(method, context) : TwirpError(context, 404, "bad_route", method));
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single().TrimEnd('/');
        return server;
    }

    /// <summary>Fails the next call that reaches the fake (each call of <paramref name="times"/>) with <paramref name="failure"/>.</summary>
    public void FailNext(FakeLiveKitFailure failure, int times = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < times; i++)
            {
                _failNext.Enqueue(failure);
            }
        }
    }

    /// <summary>Fails every call from now on with <paramref name="failure"/>; null answers normally again.</summary>
    public void FailAlways(FakeLiveKitFailure? failure)
    {
        lock (_lock)
        {
            _failAlways = failure;
        }
    }

    /// <summary>Puts a participant into a room (creating the room) as if it had joined.</summary>
    public void AddParticipant(string room, string identity, string? name = null, bool canPublish = true, bool hidden = false,
        DateTimeOffset? joinedAt = null)
    {
        lock (_lock)
        {
            var r = GetOrCreateRoom(room);
            r.Participants[identity] = new FakeParticipant("PA_" + Interlocked.Increment(ref _sids), identity, name ?? "",
                (joinedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(), new FakePermission(true, canPublish, canPublish, hidden), []);
        }
    }

    public bool HasRoom(string room)
    {
        lock (_lock)
        {
            return _rooms.ContainsKey(room);
        }
    }

    public IReadOnlyList<string> ParticipantsOf(string room)
    {
        lock (_lock)
        {
            return _rooms.TryGetValue(room, out var r) ? r.Participants.Keys.Order().ToList() : [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(timeout.Token);
        }
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(string method, HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text).RootElement.Clone();
        }
        catch (JsonException)
        {
            await TwirpError(context, 400, "malformed", "the body is not JSON");
            return;
        }

        var (claims, authError) = Authorize(context.Request.Headers.Authorization.ToString(), method, body);
        _calls.Enqueue(new FakeLiveKitCall(method, body, context.Request.ContentType, claims, authError is null, authError));

        FakeLiveKitFailure? failure;
        lock (_lock)
        {
            failure = _failNext.Count > 0 ? _failNext.Dequeue() : _failAlways;
        }
        if (failure is { Hangs: true })
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, both.Token);
            }
            catch (OperationCanceledException)
            {
            }
            return;
        }
        if (failure is not null)
        {
            await TwirpError(context, failure.Status, failure.TwirpCode ?? "unknown", "failing as told");
            return;
        }
        if (authError is not null)
        {
            await TwirpError(context, authError.StartsWith("permission", StringComparison.Ordinal) ? 403 : 401,
                authError.StartsWith("permission", StringComparison.Ordinal) ? "permission_denied" : "unauthenticated", authError);
            return;
        }

        var (status, answer) = Answer(method, body);
        if (answer is null)
        {
            var code = status switch { 404 => "not_found", 412 => "failed_precondition", _ => "bad_route" };
            await TwirpError(context, status, code, status == 412 ? $"{method}: the egress is not active" : $"{method}: not found");
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    private (int Status, JsonObject? Answer) Answer(string method, JsonElement body)
    {
        var room = Str(body, "room");
        lock (_lock)
        {
            switch (method)
            {
                case "CreateRoom":
                {
                    var name = Str(body, "name") ?? "";
                    var r = GetOrCreateRoom(name);
                    r.EmptyTimeout = Int(body, "empty_timeout", "emptyTimeout");
                    r.MaxParticipants = Int(body, "max_participants", "maxParticipants");
                    r.Metadata = Str(body, "metadata") ?? r.Metadata;
                    return (200, RoomJson(r));
                }
                case "DeleteRoom":
                    return _rooms.Remove(room ?? "") ? (200, new JsonObject()) : (404, null);
                case "ListParticipants":
                {
                    if (!_rooms.TryGetValue(room ?? "", out var r))
                    {
                        return (404, null);
                    }
                    var list = new JsonArray(r.Participants.Values.Select(p => (JsonNode)ParticipantJson(p)).ToArray());
                    return (200, new JsonObject { ["participants"] = list });
                }
                case "RemoveParticipant":
                    return _rooms.TryGetValue(room ?? "", out var from) && from.Participants.Remove(Str(body, "identity") ?? "")
                        ? (200, new JsonObject()) : (404, null);
                case "UpdateParticipant":
                {
                    if (!_rooms.TryGetValue(room ?? "", out var r) || !r.Participants.TryGetValue(Str(body, "identity") ?? "", out var p))
                    {
                        return (404, null);
                    }
                    if (body.TryGetProperty("permission", out var perm))
                    {
                        p = p with
                        {
                            Permission = new FakePermission(Bool(perm, "can_subscribe", "canSubscribe"), Bool(perm, "can_publish", "canPublish"),
                                Bool(perm, "can_publish_data", "canPublishData"), Bool(perm, "hidden", "hidden")),
                        };
                        r.Participants[p.Identity] = p;
                    }
                    return (200, ParticipantJson(p));
                }
                case "SendData":
                    return _rooms.ContainsKey(room ?? "") ? (200, new JsonObject()) : (404, null);
                case "StartRoomCompositeEgress":
                    return (200, StartEgress(body, "room_composite").ToJson(UseProtoNames));
                case "StartTrackCompositeEgress":
                    return (200, StartEgress(body, "track_composite").ToJson(UseProtoNames));
                case "StopEgress":
                {
                    var index = _egresses.FindIndex(e => e.EgressId == Str(body, "egress_id", "egressId"));
                    if (index < 0)
                    {
                        return (404, null);
                    }
                    if (!_egresses[index].IsActive)
                    {
                        return (412, null);
                    }
                    var stopping = _egresses[index] with { Status = FakeEgressStatus.Ending, UpdatedAt = Clock.GetUtcNow() };
                    _egresses[index] = stopping;
                    return (200, stopping.ToJson(UseProtoNames));
                }
                case "ListEgress":
                {
                    var roomName = Str(body, "room_name", "roomName");
                    var egressId = Str(body, "egress_id", "egressId");
                    var activeOnly = Bool(body, "active", "active");
                    var items = _egresses
                        .Where(e => string.IsNullOrEmpty(roomName) || e.RoomName == roomName)
                        .Where(e => string.IsNullOrEmpty(egressId) || e.EgressId == egressId)
                        .Where(e => !activeOnly || e.IsActive)
                        .Select(e => (JsonNode)e.ToJson(UseProtoNames));
                    return (200, new JsonObject { ["items"] = new JsonArray(items.ToArray()) });
                }
                default:
                    return (404, null);
            }
        }
    }

    private FakeEgress StartEgress(JsonElement request, string kind)
    {
        var egress = new FakeEgress("EG_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Str(request, "room_name", "roomName") ?? "", kind, request, FakeEgressStatus.Starting, StartedAt: null, EndedAt: null,
            Clock.GetUtcNow(), Error: null, Files: [], Segments: []);
        _egresses.Add(egress);
        return egress;
    }

    private FakeRoom GetOrCreateRoom(string name)
    {
        if (!_rooms.TryGetValue(name, out var room))
        {
            room = new FakeRoom("RM_" + Interlocked.Increment(ref _sids), name, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            _rooms[name] = room;
        }
        return room;
    }

    private string N(string snake, string camel) => UseProtoNames ? snake : camel;

    private JsonObject RoomJson(FakeRoom r)
    {
        var json = new JsonObject
        {
            ["sid"] = r.Sid,
            ["name"] = r.Name,
            [N("empty_timeout", "emptyTimeout")] = r.EmptyTimeout,
            [N("max_participants", "maxParticipants")] = r.MaxParticipants,
            [N("creation_time", "creationTime")] = r.CreationTime.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (r.Participants.Count > 0)
        {
            json[N("num_participants", "numParticipants")] = r.Participants.Count;
        }
        if (!string.IsNullOrEmpty(r.Metadata))
        {
            json["metadata"] = r.Metadata;
        }
        return json;
    }

    private JsonObject ParticipantJson(FakeParticipant p)
    {
        var permission = new JsonObject();
        // protojson leaves false booleans out, as LiveKit's answers do.
        if (p.Permission.CanSubscribe) permission[N("can_subscribe", "canSubscribe")] = true;
        if (p.Permission.CanPublish) permission[N("can_publish", "canPublish")] = true;
        if (p.Permission.CanPublishData) permission[N("can_publish_data", "canPublishData")] = true;
        if (p.Permission.Hidden) permission["hidden"] = true;
        var json = new JsonObject
        {
            ["sid"] = p.Sid,
            ["identity"] = p.Identity,
            ["state"] = "ACTIVE",
            [N("joined_at", "joinedAt")] = p.JoinedAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["permission"] = permission,
        };
        if (p.Name.Length > 0)
        {
            json["name"] = p.Name;
        }
        if (p.Tracks.Count > 0)
        {
            json["tracks"] = new JsonArray(p.Tracks.Select(t => (JsonNode)TrackJson(t)).ToArray());
        }
        return json;
    }

    internal static JsonObject TrackJson(FakeTrack track)
    {
        var json = new JsonObject { ["sid"] = track.Sid, ["type"] = track.Type, ["source"] = track.Source };
        if (track.Muted)
        {
            json["muted"] = true;
        }
        return json;
    }

    /// <summary>The claims when the token verifies, and why the call is refused when it does not admit it.</summary>
    private (JsonElement? Claims, string? Error) Authorize(string header, string method, JsonElement body)
    {
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (null, "unauthenticated: no bearer token");
        }
        var parts = header["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
        {
            return (null, "unauthenticated: not a JWT");
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiSecret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        byte[] signature;
        JsonElement header0, claims;
        try
        {
            signature = Base64UrlDecode(parts[2]);
            header0 = JsonDocument.Parse(Base64UrlDecode(parts[0])).RootElement.Clone();
            claims = JsonDocument.Parse(Base64UrlDecode(parts[1])).RootElement.Clone();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (null, "unauthenticated: malformed JWT");
        }
        if (Str(header0, "alg") != "HS256" || !CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return (null, "unauthenticated: invalid signature");
        }
        if (Str(claims, "iss") != ApiKey)
        {
            return (claims, "unauthenticated: unknown API key");
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!claims.TryGetProperty("exp", out var exp) || exp.GetInt64() < now
            || (claims.TryGetProperty("nbf", out var nbf) && nbf.GetInt64() > now + 60))
        {
            return (claims, "unauthenticated: expired or not yet valid");
        }
        if (!claims.TryGetProperty("video", out var video))
        {
            return (claims, "permission denied: no video grant");
        }
        if (EgressMethods.Contains(method))
        {
            // LiveKit answers a missing roomRecord as unauthenticated (401), not permission_denied.
            return Bool(video, "roomRecord", "roomRecord") ? (claims, null) : (claims, "unauthenticated: permissions denied, no roomRecord");
        }
        if (method == "CreateRoom")
        {
            return Bool(video, "roomCreate", "roomCreate") ? (claims, null) : (claims, "permission denied: roomCreate");
        }
        if (!Bool(video, "roomAdmin", "roomAdmin") || Str(video, "room") != Str(body, "room"))
        {
            return (claims, "permission denied: roomAdmin of this room");
        }
        return (claims, null);
    }

    private static async Task TwirpError(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["code"] = code, ["msg"] = message }.ToJsonString());
    }

    private static byte[] Base64UrlDecode(string s) => System.Buffers.Text.Base64Url.DecodeFromChars(s);

    private static string? Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;

    private static string? Str(JsonElement obj, string snake, string camel) => Str(obj, snake) ?? Str(obj, camel);

    private static bool Bool(JsonElement obj, string snake, string camel) =>
        obj.ValueKind == JsonValueKind.Object
        && ((obj.TryGetProperty(snake, out var v) && v.ValueKind == JsonValueKind.True)
            || (obj.TryGetProperty(camel, out v) && v.ValueKind == JsonValueKind.True));

    private static int Int(JsonElement obj, string snake, string camel) =>
        (obj.TryGetProperty(snake, out var v) || obj.TryGetProperty(camel, out v)) && v.ValueKind == JsonValueKind.Number
            ? v.GetInt32() : 0;

    private sealed class FakeRoom(string sid, string name, long creationTime)
    {
        public string Sid { get; } = sid;
        public string Name { get; } = name;
        public long CreationTime { get; } = creationTime;
        public int EmptyTimeout { get; set; }
        public int MaxParticipants { get; set; }
        public string? Metadata { get; set; }
        public Dictionary<string, FakeParticipant> Participants { get; } = new(StringComparer.Ordinal);
    }

    private sealed record FakeParticipant(string Sid, string Identity, string Name, long JoinedAt, FakePermission Permission,
        IReadOnlyList<FakeTrack> Tracks);

    private sealed record FakePermission(bool CanSubscribe, bool CanPublish, bool CanPublishData, bool Hidden);
}
