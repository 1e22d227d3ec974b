using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Stage;

/// <summary>The stage over HTTP: the viewer side (hand, requests, token, leave) and the host side (decide, add, change, remove).</summary>
[Collection(StageCollection.Name)]
public sealed class StageApiTests(RoomcastApiFactory api)
{
    /// <summary>A live webinar (hand raising on) of a fresh host, with the stage size given.</summary>
    private async Task<(TestUser Host, SessionDto Session)> LiveAsync(string visibility = "public", int maxStage = 6, string type = "webinar")
    {
        var (host, room) = await api.CreateHostWithRoomAsync(visibility);
        var created = await (await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", ApiJson.Body(new
        {
            Name = "Stage " + Guid.NewGuid().ToString("N")[..6],
            Type = type,
            ScheduledAt = DateTimeOffset.UtcNow.AddHours(1),
            Settings = new { MaxStageParticipants = maxStage },
        }))).ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created);
        return (host, await api.StartSessionAsync(host, created.Id));
    }

    private async Task<TestUser> JoinedViewerAsync(Guid sessionId)
    {
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.PostAsync($"/v1/sessions/{sessionId}/join", null)).ShouldSucceedAsync();
        return viewer;
    }

    private static string Stage(Guid sessionId, string path = "") => $"/v1/sessions/{sessionId}/stage{path}";

    private static JsonElement VideoGrantOf(string jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement.GetProperty("video");

    private IEnumerable<FakeLiveKitCall> UpdatesOf(Guid sessionId, Guid userId) => api.LiveKit.Calls.Where(c =>
        c.Method == "UpdateParticipant" && c.Authorized && c.BodyString("identity") == userId.ToString()
        && c.BodyString("room") == $"session-{sessionId:D}");

    [Fact]
    public async Task AHandRaisedIsApprovedOntoTheStageWhereATokenPublishesAudioAndVideoAndRemovalRevokesIt()
    {
        var (host, session) = await LiveAsync();
        var viewer = await JoinedViewerAsync(session.Id);

        var raised = await (await viewer.Client.PostAsync(Stage(session.Id, "/hand"), null)).ShouldSucceedAsync<HandStatusDto>();
        Assert.True(raised.Raised);
        Assert.True((await (await viewer.Client.GetAsync(Stage(session.Id, "/hand"))).ShouldSucceedAsync<HandStatusDto>()).Raised);
        var hands = await (await host.Client.GetAsync(Stage(session.Id, "/hands"))).ShouldSucceedAsync<StageHandListDto>();
        Assert.Equal(viewer.Id, Assert.Single(hands.Items).UserId);

        var decision = await (await host.Client.PostAsync(Stage(session.Id, $"/hands/{viewer.Id}/approve"), null)).ShouldSucceedAsync<HandDecisionDto>();
        Assert.Equal((true, true, false), (decision.Participant!.CanPublishAudio, decision.Participant.CanPublishVideo, decision.Participant.CanShareScreen));
        var status = await (await viewer.Client.GetAsync(Stage(session.Id, "/hand"))).ShouldSucceedAsync<HandStatusDto>();
        Assert.Equal((false, true), (status.Raised, status.OnStage));
        var stage = await (await viewer.Client.GetAsync(Stage(session.Id, "/participants"))).ShouldSucceedAsync<StageDto>();
        Assert.Equal((host.Id, viewer.Id), (stage.HostId, Assert.Single(stage.Participants).UserId));

        var token = await (await viewer.Client.PostAsync(Stage(session.Id, "/token"), null)).ShouldSucceedAsync<StageTokenDto>();
        var grant = VideoGrantOf(token.Token);
        Assert.True(grant.GetProperty("canPublish").GetBoolean());
        Assert.Equal(["camera", "microphone"], grant.GetProperty("canPublishSources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["camera", "microphone"], token.PublishSources);
        Assert.Equal($"session-{session.Id:D}", grant.GetProperty("room").GetString());

        var removed = await (await host.Client.DeleteAsync(Stage(session.Id, $"/participants/{viewer.Id}"))).ShouldSucceedAsync<StageLeftDto>();
        Assert.True(removed.Removed);
        var revoke = Assert.Single(UpdatesOf(session.Id, viewer.Id));
        Assert.False(revoke.Body.GetProperty("permission").GetProperty("can_publish").GetBoolean());
        await (await viewer.Client.PostAsync(Stage(session.Id, "/token"), null)).ShouldFailAsync(HttpStatusCode.Conflict, "not_on_stage");
    }

    [Fact]
    public async Task ARequestWithAMessageIsListedDecidedOnceAndReadBackByItsAsker()
    {
        var (host, session) = await LiveAsync();
        var viewer = await JoinedViewerAsync(session.Id);

        var created = await (await viewer.Client.PostAsync(Stage(session.Id, "/requests"), ApiJson.Body(new { Message = "I have a question" })))
            .ShouldSucceedAsync<StageRequestDto>(HttpStatusCode.Created);
        Assert.Equal(("pending", "I have a question"), (created.Status, created.Message));
        var pending = await (await host.Client.GetAsync(Stage(session.Id, "/requests"))).ShouldSucceedAsync<StageRequestListDto>();
        Assert.Equal(created.Id, Assert.Single(pending.Items).Id);

        var rejected = await (await host.Client.PostAsync(Stage(session.Id, $"/requests/{created.Id}/reject"), null)).ShouldSucceedAsync<StageRequestDto>();
        Assert.Equal(("rejected", host.Id), (rejected.Status, rejected.DecidedBy));
        await (await host.Client.PostAsync(Stage(session.Id, $"/requests/{created.Id}/approve"), null)).ShouldFailAsync(HttpStatusCode.Conflict, "already_decided");
        var mine = await (await viewer.Client.GetAsync(Stage(session.Id, "/requests/mine"))).ShouldSucceedAsync<StageRequestListDto>();
        Assert.Equal("rejected", Assert.Single(mine.Items).Status);

        // Without a body at all, and approved this time, with a screen to share and no camera.
        var again = await (await viewer.Client.PostAsync(Stage(session.Id, "/requests"), null)).ShouldSucceedAsync<StageRequestDto>(HttpStatusCode.Created);
        await (await host.Client.PostAsync(Stage(session.Id, $"/requests/{again.Id}/approve"),
                ApiJson.Body(new { CanPublishAudio = false, CanPublishVideo = false, CanShareScreen = false })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "can_publish_audio");
        await (await host.Client.PostAsync(Stage(session.Id, $"/requests/{again.Id}/approve"),
            ApiJson.Body(new { CanPublishVideo = false, CanShareScreen = true }))).ShouldSucceedAsync<StageRequestDto>();
        var member = Assert.Single((await (await host.Client.GetAsync(Stage(session.Id, "/participants"))).ShouldSucceedAsync<StageDto>()).Participants);
        Assert.Equal((true, false, true), (member.CanPublishAudio, member.CanPublishVideo, member.CanShareScreen));
        await (await host.Client.PostAsync(Stage(session.Id, $"/requests/{Guid.NewGuid()}/approve"), null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task FiftyParallelApprovalsAndRejectionsOfOneRequestHaveOneWinner()
    {
        var (host, session) = await LiveAsync();
        var viewer = await JoinedViewerAsync(session.Id);
        var request = await (await viewer.Client.PostAsync(Stage(session.Id, "/requests"), null)).ShouldSucceedAsync<StageRequestDto>(HttpStatusCode.Created);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            host.Client.PostAsync(Stage(session.Id, $"/requests/{request.Id}/{(i % 2 == 0 ? "approve" : "reject")}"), null)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await loser.ShouldFailAsync(HttpStatusCode.Conflict, "already_decided");
        }
    }

    [Fact]
    public async Task TheHostAddsWithPermissionsAndADowngradeOrALeaveIsAppliedInLiveKit()
    {
        var (host, session) = await LiveAsync();
        var viewer = await JoinedViewerAsync(session.Id);

        var added = await (await host.Client.PostAsync(Stage(session.Id, "/participants"),
            ApiJson.Body(new { UserId = viewer.Id, CanPublishAudio = true, CanPublishVideo = false, CanShareScreen = true }))).ShouldSucceedAsync<StageParticipantDto>();
        Assert.Equal((true, false, true), (added.CanPublishAudio, added.CanPublishVideo, added.CanShareScreen));
        var token = await (await viewer.Client.PostAsync(Stage(session.Id, "/token"), null)).ShouldSucceedAsync<StageTokenDto>();
        Assert.Equal(["microphone", "screen_share", "screen_share_audio"],
            VideoGrantOf(token.Token).GetProperty("canPublishSources").EnumerateArray().Select(s => s.GetString()));

        var patched = await (await host.Client.PatchAsync(Stage(session.Id, $"/participants/{viewer.Id}"), ApiJson.Body(new { CanShareScreen = false })))
            .ShouldSucceedAsync<StageParticipantDto>();
        Assert.Equal((true, false, false), (patched.CanPublishAudio, patched.CanPublishVideo, patched.CanShareScreen));
        var downgrade = Assert.Single(UpdatesOf(session.Id, viewer.Id));
        Assert.Equal("""["MICROPHONE"]""", downgrade.Body.GetProperty("permission").GetProperty("can_publish_sources").GetRawText());

        var left = await (await viewer.Client.PostAsync(Stage(session.Id, "/leave"), null)).ShouldSucceedAsync<StageLeftDto>();
        Assert.True(left.Removed);
        Assert.Equal(2, UpdatesOf(session.Id, viewer.Id).Count());
        Assert.Empty((await (await host.Client.GetAsync(Stage(session.Id, "/participants"))).ShouldSucceedAsync<StageDto>()).Participants);
        Assert.False((await (await viewer.Client.PostAsync(Stage(session.Id, "/leave"), null)).ShouldSucceedAsync<StageLeftDto>()).Removed);
    }

    [Fact]
    public async Task LoweringAHandTakesItOffTheHostsList()
    {
        var (host, session) = await LiveAsync();
        var viewer = await JoinedViewerAsync(session.Id);
        await (await viewer.Client.PostAsync(Stage(session.Id, "/hand"), null)).ShouldSucceedAsync();

        var lowered = await (await viewer.Client.DeleteAsync(Stage(session.Id, "/hand"))).ShouldSucceedAsync<HandStatusDto>();

        Assert.False(lowered.Raised);
        Assert.Empty((await (await host.Client.GetAsync(Stage(session.Id, "/hands"))).ShouldSucceedAsync<StageHandListDto>()).Items);
        await (await host.Client.PostAsync(Stage(session.Id, $"/hands/{viewer.Id}/approve"), null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await viewer.Client.PostAsync(Stage(session.Id, "/hand"), null)).ShouldSucceedAsync();
        var rejected = await (await host.Client.PostAsync(Stage(session.Id, $"/hands/{viewer.Id}/reject"), null)).ShouldSucceedAsync<HandDecisionDto>();
        Assert.Equal((false, (StageParticipantDto?)null), (rejected.Approved, rejected.Participant));
    }

    [Fact]
    public async Task BadBodiesAndIdsAreRefusedNamingTheField()
    {
        var (host, session) = await LiveAsync();
        var viewer = await JoinedViewerAsync(session.Id);

        await (await host.Client.PostAsync(Stage(session.Id, "/participants"), ApiJson.Body(new { UserId = "not-a-guid" })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await host.Client.PostAsync(Stage(session.Id, "/participants"), ApiJson.Body(new { CanPublishAudio = true })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "user_id");
        await (await host.Client.PostAsync(Stage(session.Id, "/participants"),
                ApiJson.Body(new { UserId = viewer.Id, CanPublishAudio = false, CanPublishVideo = false, CanShareScreen = false })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "can_publish_audio");
        await (await host.Client.PostAsync(Stage(session.Id, "/participants"), ApiJson.Body(new { UserId = host.Id })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "user_id");
        await (await host.Client.PatchAsync(Stage(session.Id, $"/participants/{viewer.Id}"), ApiJson.Body(new { })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "can_publish_audio");
        await (await host.Client.PatchAsync(Stage(session.Id, $"/participants/{viewer.Id}"), ApiJson.Body(new { CanPublishAudio = "loud" })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await viewer.Client.PostAsync(Stage(session.Id, "/requests"), ApiJson.Body(new { Message = new string('x', 501) })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "message");
        await (await host.Client.PatchAsync(Stage(session.Id, $"/participants/{viewer.Id}"), ApiJson.Body(new { CanShareScreen = true })))
            .ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.PostAsync(Stage(session.Id, "/participants"), ApiJson.Body(new { UserId = Guid.NewGuid() })))
            .ShouldFailAsync(HttpStatusCode.Conflict, "not_joined", "user_id");
    }

    [Fact]
    public async Task StrangersAnonymousViewersKeysTheAbsentAndTheBannedAreKeptOut()
    {
        var (host, session) = await LiveAsync();
        var (privateHost, privateSession) = await LiveAsync("private");
        var viewer = await JoinedViewerAsync(session.Id);
        var absent = await api.CreateViewerAsync();

        await (await api.Anonymous().PostAsync(Stage(session.Id, "/hand"), null)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await absent.Client.PostAsync(Stage(session.Id, "/hand"), null)).ShouldFailAsync(HttpStatusCode.Forbidden, "not_joined");
        await (await absent.Client.PostAsync(Stage(session.Id, "/requests"), null)).ShouldFailAsync(HttpStatusCode.Forbidden, "not_joined");
        await (await absent.Client.GetAsync(Stage(privateSession.Id, "/participants"))).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await privateHost.Client.GetAsync(Stage(session.Id, "/hands"))).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        await (await viewer.Client.PostAsync(Stage(session.Id, "/hand"), null)).ShouldSucceedAsync();
        await (await viewer.Client.PostAsync(Stage(session.Id, $"/hands/{viewer.Id}/approve"), null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        var key = await api.CreateApiKeyAsync(session.LibraryId, "host");
        await (await api.ApiKeyClient(key.Key).PostAsync(Stage(session.Id, "/hand"), null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        await (await host.Client.PostAsync(Stage(session.Id, "/participants"), ApiJson.Body(new { UserId = viewer.Id }))).ShouldSucceedAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = viewer.Id }))).ShouldSucceedAsync();
        Assert.Empty((await (await host.Client.GetAsync(Stage(session.Id, "/participants"))).ShouldSucceedAsync<StageDto>()).Participants);
        await (await viewer.Client.PostAsync(Stage(session.Id, "/token"), null)).ShouldFailAsync(HttpStatusCode.Conflict, "not_on_stage");
        await (await viewer.Client.PostAsync(Stage(session.Id, "/hand"), null)).ShouldFailAsync(HttpStatusCode.Forbidden, "banned");
        await (await viewer.Client.PostAsync(Stage(session.Id, "/requests"), null)).ShouldFailAsync(HttpStatusCode.Forbidden, "banned");
    }

    [Fact]
    public async Task HandsOffAFullStageAndASessionNotLiveAreConflicts()
    {
        var (host, broadcast) = await LiveAsync(type: "broadcast", maxStage: 1);
        var first = await JoinedViewerAsync(broadcast.Id);
        var second = await JoinedViewerAsync(broadcast.Id);

        await (await first.Client.PostAsync(Stage(broadcast.Id, "/hand"), null)).ShouldFailAsync(HttpStatusCode.Conflict, "hand_raise_disabled");
        await (await host.Client.PostAsync(Stage(broadcast.Id, "/participants"), ApiJson.Body(new { UserId = first.Id }))).ShouldSucceedAsync();
        await (await host.Client.PostAsync(Stage(broadcast.Id, "/participants"), ApiJson.Body(new { UserId = second.Id })))
            .ShouldFailAsync(HttpStatusCode.Conflict, "stage_full");
        await (await first.Client.PostAsync(Stage(broadcast.Id, "/requests"), null)).ShouldFailAsync(HttpStatusCode.Conflict, "already_on_stage");

        var (_, _, scheduled) = await api.CreateHostWithSessionAsync();
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.PostAsync(Stage(scheduled.Id, "/requests"), null)).ShouldFailAsync(HttpStatusCode.Conflict, "session_not_live");
        await (await viewer.Client.PostAsync(Stage(scheduled.Id, "/token"), null)).ShouldFailAsync(HttpStatusCode.Conflict, "session_not_live");
    }

    [Fact]
    public async Task WhenLiveKitIsDownTheRemovalHoldsAndARetryFinishesIt()
    {
        var (host, session) = await LiveAsync();
        var viewer = await JoinedViewerAsync(session.Id);
        await (await host.Client.PostAsync(Stage(session.Id, "/participants"), ApiJson.Body(new { UserId = viewer.Id }))).ShouldSucceedAsync();

        // Answered calls first (not connected counts as answered), so that the three failed attempts below stay under
        // the client's circuit-breaker ratio whichever test of the collection ran before: the retry must reach LiveKit.
        for (var i = 0; i < 6; i++)
        {
            await (await host.Client.DeleteAsync(Stage(session.Id, $"/participants/{Guid.NewGuid()}"))).ShouldSucceedAsync();
        }

        api.LiveKit.FailAlways(FakeLiveKitFailure.Unavailable);
        try
        {
            await (await host.Client.DeleteAsync(Stage(session.Id, $"/participants/{viewer.Id}")))
                .ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "livekit_unavailable");
        }
        finally
        {
            api.LiveKit.FailAlways(null);
        }

        await (await viewer.Client.PostAsync(Stage(session.Id, "/token"), null)).ShouldFailAsync(HttpStatusCode.Conflict, "not_on_stage");
        var retried = await (await host.Client.DeleteAsync(Stage(session.Id, $"/participants/{viewer.Id}"))).ShouldSucceedAsync<StageLeftDto>();
        Assert.False(retried.Removed);
    }
}
