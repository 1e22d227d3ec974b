using System.Text;
using System.Text.Json;
using Roomcast.Errors;
using Roomcast.LiveKit.Tests.Infrastructure;
using Roomcast.Testing.LiveKit;

namespace Roomcast.LiveKit.Tests;

/// <summary>The RoomService client against the fake LiveKit: routes, bodies, admin tokens, answers in either spelling.</summary>
public sealed class LiveKitRoomServiceClientTests : IAsyncLifetime
{
    private FakeLiveKitServer _livekit = null!;
    private LiveKitServices _services = null!;
    private readonly string _room = LiveKitRoomNames.ForSession(Guid.NewGuid());

    public async Task InitializeAsync()
    {
        _livekit = await FakeLiveKitServer.StartAsync();
        _services = LiveKitServices.For(_livekit);
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        await _livekit.DisposeAsync();
    }

    private ILiveKitRoomService Client => _services.RoomService;

    [Fact]
    public async Task CreateRoomPostsTheProtoFieldsWithARoomCreateToken()
    {
        var room = await Client.CreateRoomAsync(new LiveKitRoomOptions(_room, TimeSpan.FromMinutes(5), 200, "{\"session\":1}"));

        Assert.Equal(_room, room.Name);
        Assert.StartsWith("RM_", room.Sid);
        Assert.NotNull(room.CreatedAt);
        var call = Assert.Single(_livekit.Calls);
        Assert.Equal("CreateRoom", call.Method);
        Assert.True(call.Authorized, call.AuthorizationError);
        Assert.Equal("application/json", call.ContentType?.Split(';')[0]);
        Assert.Equal($$"""{"name":"{{_room}}","empty_timeout":300,"max_participants":200,"metadata":"{\"session\":1}"}""",
            call.Body.GetRawText());
        var grant = call.Grant!.Value;
        Assert.True(grant.GetProperty("roomCreate").GetBoolean());
        Assert.True(grant.GetProperty("roomAdmin").GetBoolean());
        Assert.True(grant.GetProperty("roomList").GetBoolean());
        Assert.False(grant.TryGetProperty("room", out _));
        Assert.False(call.Claims!.Value.TryGetProperty("sub", out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListParticipantsReadsTheirTracks(bool protoNames)
    {
        _livekit.UseProtoNames = protoNames;
        _livekit.AddParticipant(_room, "host-1");
        _livekit.AddParticipant(_room, "viewer-1", canPublish: false);
        var camera = _livekit.PublishTrack(_room, "host-1");
        var microphone = _livekit.PublishTrack(_room, "host-1", "AUDIO", "MICROPHONE", muted: true);

        var participants = await Client.ListParticipantsAsync(_room);

        Assert.Equal([new LiveKitTrackInfo(camera.Sid, "VIDEO", "CAMERA", false), new LiveKitTrackInfo(microphone.Sid, "AUDIO", "MICROPHONE", true)],
            participants.Single(p => p.Identity == "host-1").Tracks);
        Assert.Empty(participants.Single(p => p.Identity == "viewer-1").Tracks);
    }

    [Fact]
    public async Task ListParticipantsReadsProtojsonsCamelCaseAndInt64Strings()
    {
        var joined = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        _livekit.AddParticipant(_room, "viewer-1", "Ada", canPublish: false, joinedAt: joined);
        _livekit.AddParticipant(_room, "monitor-1", hidden: true, canPublish: false, joinedAt: joined);

        var participants = await Client.ListParticipantsAsync(_room);

        Assert.Equal(2, participants.Count);
        var viewer = participants.Single(p => p.Identity == "viewer-1");
        Assert.Equal("Ada", viewer.Name);
        Assert.Equal("ACTIVE", viewer.State);
        Assert.Equal(joined, viewer.JoinedAt);
        Assert.StartsWith("PA_", viewer.Sid);
        Assert.Equal(new LiveKitParticipantPermission(CanSubscribe: true, CanPublish: false, CanPublishData: false, Hidden: false),
            viewer.Permission);
        var monitor = participants.Single(p => p.Identity == "monitor-1");
        Assert.Null(monitor.Name);
        Assert.True(monitor.Permission!.Hidden);

        var call = Assert.Single(_livekit.Calls);
        Assert.Equal("ListParticipants", call.Method);
        Assert.Equal($$"""{"room":"{{_room}}"}""", call.Body.GetRawText());
        Assert.True(call.Authorized, call.AuthorizationError);
        Assert.Equal(_room, call.Grant!.Value.GetProperty("room").GetString());
        Assert.True(call.Grant!.Value.GetProperty("roomAdmin").GetBoolean());
    }

    [Fact]
    public async Task ListParticipantsReadsTheProtoFieldNamesToo()
    {
        _livekit.UseProtoNames = true;
        var joined = DateTimeOffset.FromUnixTimeSeconds(1_700_000_123);
        _livekit.AddParticipant(_room, "host-1", "Host", canPublish: true, joinedAt: joined);

        var host = Assert.Single(await Client.ListParticipantsAsync(_room));

        Assert.Equal(joined, host.JoinedAt);
        Assert.Equal(new LiveKitParticipantPermission(true, true, true, false), host.Permission);
    }

    [Fact]
    public async Task ListParticipantsOfARoomLiveKitDoesNotHaveIsEmpty()
    {
        Assert.Empty(await Client.ListParticipantsAsync(_room));
        Assert.Single(_livekit.Calls);
    }

    [Fact]
    public async Task RemoveParticipantPostsRoomAndIdentity()
    {
        _livekit.AddParticipant(_room, "viewer-1");
        _livekit.AddParticipant(_room, "viewer-2");

        await Client.RemoveParticipantAsync(_room, "viewer-1");

        Assert.Equal(["viewer-2"], _livekit.ParticipantsOf(_room));
        var call = Assert.Single(_livekit.Calls);
        Assert.Equal("RemoveParticipant", call.Method);
        Assert.Equal($$"""{"room":"{{_room}}","identity":"viewer-1"}""", call.Body.GetRawText());
        Assert.True(call.Authorized, call.AuthorizationError);
    }

    [Fact]
    public async Task RemovingSomeoneWhoIsNotThereOrDeletingARoomThatIsGoneSucceeds()
    {
        await Client.RemoveParticipantAsync(_room, "nobody");
        await Client.DeleteRoomAsync(_room);

        Assert.Equal(["RemoveParticipant", "DeleteRoom"], _livekit.Calls.Select(c => c.Method));
        Assert.All(_livekit.Calls, c => Assert.True(c.Authorized, c.AuthorizationError));
    }

    [Fact]
    public async Task DeleteRoomDeletesIt()
    {
        await Client.CreateRoomAsync(new LiveKitRoomOptions(_room, TimeSpan.FromMinutes(1), 0, null));

        await Client.DeleteRoomAsync(_room);

        Assert.False(_livekit.HasRoom(_room));
        var call = _livekit.Calls[^1];
        Assert.Equal("DeleteRoom", call.Method);
        Assert.Equal($$"""{"room":"{{_room}}"}""", call.Body.GetRawText());
        Assert.True(call.Authorized, call.AuthorizationError);
    }

    [Fact]
    public async Task UpdateParticipantSendsThePermissionAndReturnsTheParticipant()
    {
        _livekit.AddParticipant(_room, "viewer-1", canPublish: false);

        var updated = await Client.UpdateParticipantAsync(_room, "viewer-1", new LiveKitParticipantPermission(true, true, true, false));

        Assert.Equal(new LiveKitParticipantPermission(true, true, true, false), updated.Permission);
        var call = Assert.Single(_livekit.Calls);
        Assert.Equal("UpdateParticipant", call.Method);
        Assert.Equal(
            $$$"""{"room":"{{{_room}}}","identity":"viewer-1","permission":{"can_subscribe":true,"can_publish":true,"can_publish_data":true,"hidden":false}}""",
            call.Body.GetRawText());
        Assert.True(call.Authorized, call.AuthorizationError);
    }

    [Fact]
    public async Task UpdateParticipantSendsThePublishSourcesAsTrackSourceNames()
    {
        _livekit.AddParticipant(_room, "speaker-1", canPublish: true);

        await Client.UpdateParticipantAsync(_room, "speaker-1", new LiveKitParticipantPermission(true, true, true, false)
        {
            CanPublishSources = [LiveKitTrackSources.Microphone, LiveKitTrackSources.ScreenShare, LiveKitTrackSources.ScreenShareAudio],
        });

        var call = Assert.Single(_livekit.Calls);
        Assert.Equal(
            $$$"""{"room":"{{{_room}}}","identity":"speaker-1","permission":{"can_subscribe":true,"can_publish":true,"can_publish_data":true,"hidden":false,"can_publish_sources":["MICROPHONE","SCREEN_SHARE","SCREEN_SHARE_AUDIO"]}}""",
            call.Body.GetRawText());
    }

    [Fact]
    public async Task UpdatingSomeoneWhoIsNotThereIsNotFound()
    {
        var e = await Assert.ThrowsAsync<RoomcastException>(() =>
            Client.UpdateParticipantAsync(_room, "nobody", new LiveKitParticipantPermission(true, false, false, false)));

        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("livekit_not_found", e.Code);
    }

    [Fact]
    public async Task SendDataPostsBase64DataTheKindTheDestinationsAndTheTopic()
    {
        _livekit.AddParticipant(_room, "viewer-1");

        await Client.SendDataAsync(_room, Encoding.UTF8.GetBytes("hello"), "chat", ["viewer-1", "viewer-2"]);

        var call = Assert.Single(_livekit.Calls);
        Assert.Equal("SendData", call.Method);
        Assert.Equal(
            $$"""{"room":"{{_room}}","data":"aGVsbG8=","kind":"RELIABLE","destination_identities":["viewer-1","viewer-2"],"topic":"chat"}""",
            call.Body.GetRawText());
        Assert.True(call.Authorized, call.AuthorizationError);
    }

    [Fact]
    public async Task ATokenOfAnotherKeyPairIsRefusedAndThatIsOurBugNotAnOutage()
    {
        await using var other = await FakeLiveKitServer.StartAsync(apiKey: _livekit.ApiKey, apiSecret: _livekit.ApiSecret + "-other");
        using var services = new LiveKitServices(new Dictionary<string, string?>
        {
            ["LiveKit:ApiUrl"] = other.Url,
            ["LiveKit:ApiKey"] = _livekit.ApiKey,
            ["LiveKit:ApiSecret"] = _livekit.ApiSecret,
        });

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => services.RoomService.ListParticipantsAsync(_room));

        Assert.Contains("unauthenticated", e.Message);
        var call = Assert.Single(other.Calls); // a 4xx is not retried
        Assert.False(call.Authorized);
        Assert.Contains("invalid signature", call.AuthorizationError);
    }

    [Fact]
    public async Task AnInvalidArgumentAnswerIsAnInvalidOperationWithTheTwirpCode()
    {
        _livekit.FailNext(FakeLiveKitFailure.InvalidArgument);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.RemoveParticipantAsync(_room, "viewer-1"));

        Assert.Contains("invalid_argument", e.Message);
        Assert.Contains("RemoveParticipant", e.Message);
        Assert.Single(_livekit.Calls);
        var warning = Assert.Single(_services.Logs.Warnings);
        Assert.DoesNotContain(_livekit.ApiSecret, warning.Message);
    }

    [Fact]
    public void ApiUrlDefaultsToTheClientUrlOverHttp()
    {
        Assert.Equal("https://livekit.example.test", new LiveKitOptions { Url = "wss://livekit.example.test/" }.ResolvedApiUrl());
        Assert.Equal("http://localhost:7880", new LiveKitOptions { Url = "ws://localhost:7880" }.ResolvedApiUrl());
        Assert.Equal("http://10.0.0.2:7880", new LiveKitOptions { Url = "wss://lk.example.test", ApiUrl = "http://10.0.0.2:7880" }.ResolvedApiUrl());
    }
}
