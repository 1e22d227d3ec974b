using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.Testing.LiveKit;
using Roomcast.Webhooks;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>Who calls a route in the permission matrix; the order is the column order of the expectation strings.</summary>
public enum Actor
{
    /// <summary>A host of library L who owns the room and hosts the session.</summary>
    Owner,

    /// <summary>A host-role user of library L, co-host of the session.</summary>
    CoHost,

    /// <summary>A viewer-role user of library L, moderator of the session (a session role needs no host account).</summary>
    Moderator,

    /// <summary>A host of library L with no part in the room or session.</summary>
    OtherHost,

    /// <summary>A host of library M.</summary>
    OtherLibraryHost,

    /// <summary>A viewer of library L with no part in the session.</summary>
    Viewer,

    /// <summary>The bootstrap admin (deployment-wide).</summary>
    Admin,

    /// <summary>No credentials at all.</summary>
    Anonymous,

    /// <summary>A host API key of library L (<c>x-api-key</c>).</summary>
    HostKey,

    /// <summary>A viewer API key of library L (<c>x-api-key</c>).</summary>
    ViewerKey,
}

/// <summary>Callers of library M beside its host, for the rule that L's prefix finds nothing for anyone outside L.</summary>
public enum Outsider
{
    /// <summary>A viewer of library M.</summary>
    Viewer,

    /// <summary>A host API key of library M.</summary>
    HostKey,

    /// <summary>A viewer API key of library M.</summary>
    ViewerKey,
}

/// <summary>What a caller gets: the route's own success status, or 403, 404, 401.</summary>
public enum Outcome
{
    Allowed,
    Forbidden,
    NotFound,
    Unauthorized,
}

/// <summary>What a row's request needs before it is sent; everything but <see cref="Shared"/> and <see cref="None"/> is made fresh per case.</summary>
public enum Needs
{
    /// <summary>No resource (lists, credential routes with a body of their own).</summary>
    None,

    /// <summary>The shared room, session (co-host and moderator added) and API key: only for rows that change nothing.</summary>
    Shared,

    /// <summary>A fresh room of the owner.</summary>
    Room,

    /// <summary>A fresh scheduled session in the shared room, with the co-host and the moderator added.</summary>
    Scheduled,

    /// <summary>Like <see cref="Scheduled"/>, then started by the owner.</summary>
    Live,

    /// <summary>
    /// Like <see cref="Live"/>, then joined by every user actor who may join it (the others' joins fail and are
    /// ignored): for the routes that need the caller present, such as sending a chat message.
    /// </summary>
    LiveJoined,

    /// <summary>Like <see cref="Live"/>, with a chat message (<c>{messageId}</c>) the owner sent.</summary>
    ChatMessage,

    /// <summary>A fresh scheduled session whose extra co-host (<c>{userId}</c>) is to be removed.</summary>
    CoHostToRemove,

    /// <summary>A fresh scheduled session whose extra moderator (<c>{userId}</c>) is to be removed.</summary>
    ModeratorToRemove,

    /// <summary>A fresh scheduled session from which the spare user (<c>{userId}</c>) is banned.</summary>
    BannedSpare,

    /// <summary>A fresh API key of library L (<c>{keyId}</c>).</summary>
    ApiKey,

    /// <summary>A fresh sign-in of the spare user: its refresh token.</summary>
    RefreshToken,

    /// <summary>A fresh one-time code issued to the owner.</summary>
    AuthCode,

    /// <summary>A fresh preset of the owner, in library L (<c>{presetId}</c>).</summary>
    Preset,

    /// <summary>
    /// Like <see cref="Live"/>, with a poll of the owner's (<c>{pollId}</c>), and every user of L who can see the
    /// session joined: voting takes a person present, and each actor's vote is the first in a fresh poll.
    /// </summary>
    LivePoll,

    /// <summary>
    /// Like <see cref="Live"/>, with hand raising on and room on the stage, and every user actor joined who may
    /// (the others are refused and stay out): the stage's viewer side needs a caller present.
    /// </summary>
    StageJoined,

    /// <summary>Like <see cref="StageJoined"/>, and everyone who joined but the owner (always on the stage) put on it.</summary>
    StageEveryoneUp,

    /// <summary>
    /// Like <see cref="StageJoined"/>, with the spare user (<c>{userId}</c>) joined too, to be put on the stage (in a
    /// private session, as its moderator: nobody else may see it).
    /// </summary>
    StageSpareJoined,

    /// <summary>Like <see cref="StageSpareJoined"/>, with the spare user on the stage.</summary>
    StageSpareUp,

    /// <summary>Like <see cref="StageSpareJoined"/>, with the spare user's hand raised.</summary>
    StageSpareHand,

    /// <summary>Like <see cref="StageSpareJoined"/>, with a pending stage request of the spare user's (<c>{requestId}</c>).</summary>
    StageSpareRequest,

    /// <summary>Like <see cref="Live"/>, with the owner publishing a camera in the session's LiveKit room.</summary>
    LiveWithHostCamera,

    /// <summary>Like <see cref="Live"/>, with recording on in its settings and nothing recorded yet.</summary>
    Recordable,

    /// <summary>Like <see cref="Recordable"/>, being recorded (<c>{recordingId}</c>, started by the owner).</summary>
    Recording,

    /// <summary>Like <see cref="Recording"/>, stopped, its file in storage and its egress complete: a ready recording.</summary>
    ReadyRecording,

    /// <summary>Like <see cref="Recording"/>, with its egress failed: a failed recording.</summary>
    FailedRecording,

    /// <summary>Like <see cref="ReadyRecording"/>, with a signed URL of its file (the query in <c>Query</c>).</summary>
    SignedRecordingFile,

    /// <summary>A fresh outbound webhook endpoint of library L, registered by the owner (<c>{webhookId}</c>).</summary>
    Webhook,

    /// <summary>Like <see cref="Webhook"/>, with one delivery of an event to it (<c>{deliveryId}</c>).</summary>
    WebhookDelivery,
}

/// <summary>
/// One route and what each actor gets from it. <paramref name="Expect"/> has one letter per <see cref="Actor"/>, in
/// order (spaces ignored): A allowed (<paramref name="Success"/>, exactly), F 403, N 404, U 401.
/// </summary>
public sealed record MatrixRow(
    string Method, string Template, string Expect, Needs Needs,
    Func<MatrixWorld, MatrixTarget, object>? Body = null, HttpStatusCode Success = HttpStatusCode.OK)
{
    public string Key => $"{Method} {Template}";

    /// <summary>The error code of a U: the API's <c>unauthorized</c>, or the route's own (a webhook's <c>invalid_signature</c>).</summary>
    public string UnauthorizedCode { get; init; } = "unauthorized";

    public Outcome For(Actor actor)
    {
        var letters = Expect.Replace(" ", "");
        if (letters.Length != Enum.GetValues<Actor>().Length)
        {
            throw new InvalidOperationException($"{Key}: the expectation '{Expect}' needs one letter per actor");
        }

        return letters[(int)actor] switch
        {
            'A' => Outcome.Allowed,
            'F' => Outcome.Forbidden,
            'N' => Outcome.NotFound,
            'U' => Outcome.Unauthorized,
            var other => throw new InvalidOperationException($"{Key}: unknown outcome letter '{other}'"),
        };
    }

    public override string ToString() => Key;
}

/// <summary>The values a row's template and body are filled with.</summary>
public sealed record MatrixTarget(
    Guid LibraryId, Guid RoomId, Guid SessionId, Guid UserId, Guid KeyId, string Secret,
    Guid PresetId = default, Guid PollId = default, Guid MessageId = default, Guid RequestId = default,
    Guid RecordingId = default, string Query = "", Guid WebhookId = default, Guid DeliveryId = default)
{
    public string Fill(string template) => template
        .Replace("{recordingId}", RecordingId.ToString())
        .Replace("{webhookId}", WebhookId.ToString())
        .Replace("{deliveryId}", DeliveryId.ToString())
        .Replace("{pollId}", PollId.ToString())
        .Replace("{messageId}", MessageId.ToString())
        .Replace("{requestId}", RequestId.ToString())
        .Replace("{presetId}", PresetId.ToString())
        .Replace("{libraryId}", LibraryId.ToString())
        .Replace("{roomId}", RoomId.ToString())
        .Replace("{sessionId}", SessionId.ToString())
        .Replace("{userId}", UserId.ToString())
        .Replace("{keyId}", KeyId.ToString());
}

/// <summary>
/// The people and resources of the matrix, made once per factory: library L (owner, co-host, moderator, another host,
/// a viewer, a spare user, a host and a viewer API key) and library M (a host, a viewer, a host and a viewer API key),
/// a private and a public room each with a session of the same visibility where the co-host and moderator hold their
/// roles, an API key for the key routes to read, and a viewer device token.
/// </summary>
public sealed class MatrixWorld
{
    private MatrixWorld(RoomcastApiFactory api) => Api = api;

    public RoomcastApiFactory Api { get; }
    public LibraryDto Library { get; private set; } = null!;
    public LibraryDto OtherLibrary { get; private set; } = null!;
    public IReadOnlyDictionary<Actor, TestUser> Users { get; private set; } = null!;

    /// <summary>A user of L with no part in anything: the one credential routes sign in as, and the one added and removed as a participant.</summary>
    public TestUser Spare { get; private set; } = null!;

    public RoomDto PrivateRoom { get; private set; } = null!;
    public SessionDto PrivateSession { get; private set; } = null!;
    public RoomDto PublicRoom { get; private set; } = null!;
    public SessionDto PublicSession { get; private set; } = null!;
    public CreatedApiKeyDto Key { get; private set; } = null!;
    public CreatedApiKeyDto HostKey { get; private set; } = null!;
    public CreatedApiKeyDto ViewerKey { get; private set; } = null!;
    public string DeviceToken { get; private set; } = null!;
    public IReadOnlyDictionary<Outsider, HttpClient> Outsiders { get; private set; } = null!;

    public TestUser Owner => Users[Actor.Owner];

    public static async Task<MatrixWorld> CreateAsync(RoomcastApiFactory api)
    {
        var world = new MatrixWorld(api);
        var libraries = await Task.WhenAll(api.CreateLibraryAsync("Matrix L"), api.CreateLibraryAsync("Matrix M"));
        (world.Library, world.OtherLibrary) = (libraries[0], libraries[1]);
        var l = world.Library.Id;

        var users = await Task.WhenAll(
            api.CreateUserAsync("host", l), api.CreateUserAsync("host", l), api.CreateUserAsync("viewer", l),
            api.CreateUserAsync("host", l), api.CreateUserAsync("host", world.OtherLibrary.Id), api.CreateUserAsync("viewer", l),
            api.AdminAsync(), api.CreateUserAsync("host", l));
        world.Users = new Dictionary<Actor, TestUser>
        {
            [Actor.Owner] = users[0],
            [Actor.CoHost] = users[1],
            [Actor.Moderator] = users[2],
            [Actor.OtherHost] = users[3],
            [Actor.OtherLibraryHost] = users[4],
            [Actor.Viewer] = users[5],
            [Actor.Admin] = users[6],
        };
        world.Spare = users[7];

        world.PrivateRoom = await api.CreateRoomAsync(world.Owner, "private");
        world.PublicRoom = await api.CreateRoomAsync(world.Owner, "public");
        world.PrivateSession = await world.NewSessionAsync(world.PrivateRoom.Id, "private");
        world.PublicSession = await world.NewSessionAsync(world.PublicRoom.Id, "public");
        world.Key = await api.CreateApiKeyAsync(l, "viewer");
        world.HostKey = await api.CreateApiKeyAsync(l, "host");
        world.ViewerKey = await api.CreateApiKeyAsync(l, "viewer");

        var m = world.OtherLibrary.Id;
        var outsiders = await Task.WhenAll(
            api.CreateApiKeyAsync(m, "host"), api.CreateApiKeyAsync(m, "viewer"));
        world.Outsiders = new Dictionary<Outsider, HttpClient>
        {
            [Outsider.Viewer] = (await api.CreateUserAsync("viewer", m)).Client,
            [Outsider.HostKey] = api.ApiKeyClient(outsiders[0].Key),
            [Outsider.ViewerKey] = api.ApiKeyClient(outsiders[1].Key),
        };

        var registered = await api.Anonymous().PostAsync("/v1/auth/viewer/register", ApiJson.Body(new { DisplayName = "Matrix device", LibraryId = l }));
        world.DeviceToken = (await registered.ShouldSucceedAsync<ViewerRegisterDto>(HttpStatusCode.Created)).DeviceToken;
        return world;
    }

    /// <summary>The client an actor calls with: their bearer token, their API key, or nothing.</summary>
    public HttpClient ClientOf(Actor actor) => actor switch
    {
        Actor.Anonymous => Api.Anonymous(),
        Actor.HostKey => Api.ApiKeyClient(HostKey.Key),
        Actor.ViewerKey => Api.ApiKeyClient(ViewerKey.Key),
        _ => Users[actor].Client,
    };

    /// <summary>Builds what a row needs, in the room and session of the given visibility.</summary>
    public async Task<MatrixTarget> PrepareAsync(Needs needs, string visibility)
    {
        var (room, session) = visibility == "public" ? (PublicRoom, PublicSession) : (PrivateRoom, PrivateSession);
        var shared = new MatrixTarget(Library.Id, room.Id, session.Id, Spare.Id, Key.Id, "");
        switch (needs)
        {
            case Needs.None:
            case Needs.Shared:
                return shared;
            case Needs.Room:
                return shared with { RoomId = (await Api.CreateRoomAsync(Owner, visibility)).Id };
            case Needs.Scheduled:
                return shared with { SessionId = (await NewSessionAsync(room.Id, visibility)).Id };
            case Needs.Live:
                var live = await NewSessionAsync(room.Id, visibility);
                await Api.StartSessionAsync(Owner, live.Id);
                return shared with { SessionId = live.Id };
            case Needs.LiveJoined:
                var joined = await NewSessionAsync(room.Id, visibility);
                await Api.StartSessionAsync(Owner, joined.Id);
                await Task.WhenAll(Users.Values.Select(u => u.Client.PostAsync($"/v1/sessions/{joined.Id}/join", null)));
                return shared with { SessionId = joined.Id };
            case Needs.ChatMessage:
                var chatting = await NewSessionAsync(room.Id, visibility);
                await Api.StartSessionAsync(Owner, chatting.Id);
                var sent = await Owner.Client.PostAsync($"/v1/sessions/{chatting.Id}/chat", ApiJson.Body(new { Text = "Matrix message" }));
                var message = await sent.ShouldSucceedAsync(HttpStatusCode.Created);
                return shared with { SessionId = chatting.Id, MessageId = message.GetProperty("id").GetGuid() };
            case Needs.CoHostToRemove:
            case Needs.ModeratorToRemove:
                var withSpare = await NewSessionAsync(room.Id, visibility);
                await AddParticipantAsync(withSpare.Id, needs == Needs.CoHostToRemove ? "co_hosts" : "moderators", Spare.Id);
                return shared with { SessionId = withSpare.Id };
            case Needs.BannedSpare:
                var banning = await NewSessionAsync(room.Id, visibility);
                var ban = await Owner.Client.PostAsync($"/v1/sessions/{banning.Id}/bans", ApiJson.Body(new { UserId = Spare.Id }));
                await ban.ShouldSucceedAsync();
                return shared with { SessionId = banning.Id };
            case Needs.ApiKey:
                return shared with { KeyId = (await Api.CreateApiKeyAsync(Library.Id, "viewer")).Id };
            case Needs.RefreshToken:
                var login = await Api.Anonymous().PostAsJsonAsync("/v1/auth/login", new { email = Spare.Email, password = Spare.Password });
                return shared with { Secret = (await login.ShouldSucceedAsync<TokenPairDto>()).RefreshToken };
            case Needs.AuthCode:
                var code = await Owner.Client.PostAsync("/v1/auth/code", null);
                return shared with { Secret = (await code.ShouldSucceedAsync<AuthCodeDto>()).Code };
            case Needs.Preset:
                var preset = await Owner.Client.PostAsync("/v1/presets", ApiJson.Body(new { Name = "Matrix preset" }));
                return shared with { PresetId = (await preset.ShouldSucceedAsync<PresetDto>(HttpStatusCode.Created)).Id };
            case Needs.LivePoll:
                var polled = await NewSessionAsync(room.Id, visibility);
                await Api.StartSessionAsync(Owner, polled.Id);
                var poll = await Owner.Client.PostAsync($"/v1/sessions/{polled.Id}/polls",
                    ApiJson.Body(new { Question = "Matrix poll?", Options = new[] { "Yes", "No" } }));
                var pollId = (await poll.ShouldSucceedAsync<IdDto>(HttpStatusCode.Created)).Id;
                await JoinEveryoneWhoSeesAsync(polled.Id);
                return shared with { SessionId = polled.Id, PollId = pollId };
            case Needs.LiveWithHostCamera:
                var filmed = await NewSessionAsync(room.Id, visibility);
                await Api.StartSessionAsync(Owner, filmed.Id);
                Api.LiveKit.AddParticipant($"session-{filmed.Id:D}", Owner.Id.ToString("D"));
                Api.LiveKit.PublishTrack($"session-{filmed.Id:D}", Owner.Id.ToString("D"));
                return shared with { SessionId = filmed.Id };
            case Needs.Recordable:
            case Needs.Recording:
            case Needs.ReadyRecording:
            case Needs.FailedRecording:
            case Needs.SignedRecordingFile:
                return await PrepareRecordingAsync(needs, shared, room.Id, visibility);
            case Needs.Webhook:
            case Needs.WebhookDelivery:
                var registered = await Owner.Client.PostAsync($"/v1/libraries/{Library.Id}/webhooks",
                    ApiJson.Body(new { Url = "https://receiver.example.com/matrix", Events = new[] { "session.started" } }));
                var webhookId = (await registered.ShouldSucceedAsync<IdDto>(HttpStatusCode.Created)).Id;
                if (needs == Needs.Webhook)
                {
                    return shared with { WebhookId = webhookId };
                }

                var outbox = Api.Services.GetRequiredService<IWebhookOutbox>();
                var matrixEvent = new WebhookEvent("evt_matrix_" + Guid.NewGuid().ToString("N"), Library.Id, "session.started",
                    DateTimeOffset.UtcNow, "{}");
                await outbox.AppendAsync(matrixEvent);
                await outbox.AddDeliveriesAsync(matrixEvent, [webhookId], DateTimeOffset.UtcNow);
                var delivery = (await outbox.ListDeliveriesAsync(webhookId, 1)).Single();
                return shared with { WebhookId = webhookId, DeliveryId = delivery.Id };
            case Needs.StageJoined:
            case Needs.StageEveryoneUp:
            case Needs.StageSpareJoined:
            case Needs.StageSpareUp:
            case Needs.StageSpareHand:
            case Needs.StageSpareRequest:
                return await PrepareStageAsync(needs, shared, room.Id, visibility);
            default:
                throw new ArgumentOutOfRangeException(nameof(needs), needs, null);
        }
    }

    private async Task<MatrixTarget> PrepareStageAsync(Needs needs, MatrixTarget shared, Guid roomId, string visibility)
    {
        var session = await NewSessionAsync(roomId, visibility);
        var settings = await Owner.Client.PatchAsync($"/v1/sessions/{session.Id}/settings",
            ApiJson.Body(new { HandRaiseEnabled = true, MaxStageParticipants = 10 }));
        await settings.ShouldSucceedAsync();
        await Api.StartSessionAsync(Owner, session.Id);
        var target = shared with { SessionId = session.Id };
        var stage = $"/v1/sessions/{session.Id}/stage";

        // Everyone tries; those who may not see the session are refused, which is what their column expects anyway.
        var joins = await Task.WhenAll(Users.Select(async u =>
            (Actor: u.Key, Joined: (await u.Value.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).IsSuccessStatusCode)));
        if (needs == Needs.StageEveryoneUp)
        {
            foreach (var (actor, _) in joins.Where(j => j.Joined && j.Actor != Actor.Owner))
            {
                var up = await Owner.Client.PostAsync($"{stage}/participants", ApiJson.Body(new { UserId = Users[actor].Id }));
                await up.ShouldSucceedAsync();
            }
        }

        if (needs is Needs.StageJoined or Needs.StageEveryoneUp)
        {
            return target;
        }

        if (visibility == "private")
        {
            // Only those with a part in a private session see it: the spare user is made its moderator to come in.
            await AddParticipantAsync(session.Id, "moderators", Spare.Id);
        }

        await (await Spare.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        switch (needs)
        {
            case Needs.StageSpareUp:
                await (await Owner.Client.PostAsync($"{stage}/participants", ApiJson.Body(new { UserId = Spare.Id }))).ShouldSucceedAsync();
                return target;
            case Needs.StageSpareHand:
                await (await Spare.Client.PostAsync($"{stage}/hand", null)).ShouldSucceedAsync();
                return target;
            case Needs.StageSpareRequest:
                var request = await Spare.Client.PostAsync($"{stage}/requests", ApiJson.Body(new { Message = "matrix" }));
                var created = await request.ShouldSucceedAsync(HttpStatusCode.Created);
                return target with { RequestId = created.GetProperty("id").GetGuid() };
            default:
                return target;
        }
    }

    private async Task<MatrixTarget> PrepareRecordingAsync(Needs needs, MatrixTarget shared, Guid roomId, string visibility)
    {
        var session = await NewSessionAsync(roomId, visibility);
        await (await Owner.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Body(new { RecordingEnabled = true }))).ShouldSucceedAsync();
        await Api.StartSessionAsync(Owner, session.Id);
        var target = shared with { SessionId = session.Id };
        if (needs == Needs.Recordable)
        {
            return target;
        }

        var started = await Owner.Client.PostAsync($"/v1/sessions/{session.Id}/recordings", null);
        var recordingId = (await started.ShouldSucceedAsync<IdDto>(HttpStatusCode.Created)).Id;
        target = target with { RecordingId = recordingId };
        if (needs == Needs.Recording)
        {
            return target;
        }

        var egress = Api.LiveKit.Egresses.Last(e => e.RoomName == $"session-{session.Id:D}");
        if (needs == Needs.FailedRecording)
        {
            await SendEgressEndedAsync(Api.LiveKit.SetEgressStatus(egress.EgressId, FakeEgressStatus.Failed, error: "matrix failure"));
            return target;
        }

        var path = Path.Combine(Api.RecordingsRoot, "recordings", session.Id.ToString("N"), recordingId.ToString("N") + ".mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, new byte[4096]);
        await SendEgressEndedAsync(Api.LiveKit.SetEgressStatus(egress.EgressId, FakeEgressStatus.Complete,
            files: [new FakeEgressFile(path, null, 4096, TimeSpan.FromSeconds(3))]));
        if (needs == Needs.ReadyRecording)
        {
            return target;
        }

        var link = await Owner.Client.GetAsync($"/v1/recordings/{recordingId}/download_url");
        var url = new Uri((await link.ShouldSucceedAsync<DownloadUrlDto>()).Url);
        return target with { Query = url.Query };
    }

    private async Task SendEgressEndedAsync(FakeEgress egress)
    {
        var body = LiveKitWebhookBodies.EgressEnded(egress, DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/livekit")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/webhook+json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", Api.LiveKit.SignWebhook(body));
        await (await Api.Anonymous().SendAsync(request)).ShouldSucceedAsync();
    }

    private sealed record DownloadUrlDto(string Url);

    /// <summary>A scheduled session of the owner's where the co-host and moderator hold their roles.</summary>
    private async Task<SessionDto> NewSessionAsync(Guid roomId, string visibility)
    {
        var session = await Api.CreateSessionAsync(Owner, roomId, visibility: visibility);
        await AddParticipantAsync(session.Id, "co_hosts", Users[Actor.CoHost].Id);
        await AddParticipantAsync(session.Id, "moderators", Users[Actor.Moderator].Id);
        return session;
    }

    /// <summary>Joins every user of the matrix who may see the session (the others are told it does not exist).</summary>
    private async Task JoinEveryoneWhoSeesAsync(Guid sessionId)
    {
        foreach (var user in Users.Values)
        {
            var joined = await user.Client.PostAsync($"/v1/sessions/{sessionId}/join", null);
            if (joined.StatusCode != HttpStatusCode.NotFound)
            {
                await joined.ShouldSucceedAsync();
            }
        }
    }

    private sealed record IdDto(Guid Id);

    private async Task AddParticipantAsync(Guid sessionId, string role, Guid userId)
    {
        var response = await Owner.Client.PostAsync($"/v1/sessions/{sessionId}/{role}", ApiJson.Body(new { UserId = userId }));
        await response.ShouldSucceedAsync();
    }
}

/// <summary>The API host of the permission matrix, with its world made on first use.</summary>
public sealed class PermissionMatrixApiFactory : RoomcastApiFactory
{
    private readonly SemaphoreSlim _worldLock = new(1, 1);
    private MatrixWorld? _world;

    public async Task<MatrixWorld> WorldAsync()
    {
        await _worldLock.WaitAsync();
        try
        {
            return _world ??= await MatrixWorld.CreateAsync(this);
        }
        finally
        {
            _worldLock.Release();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PermissionMatrixCollection : ICollectionFixture<PermissionMatrixApiFactory>
{
    public const string Name = "Permission matrix";
}
