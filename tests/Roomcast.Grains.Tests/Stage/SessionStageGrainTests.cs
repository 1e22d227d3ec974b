using System.Text;
using System.Text.Json;
using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Stage;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;
using Roomcast.Stage;

namespace Roomcast.Grains.Tests.Stage;

/// <summary>
/// A session's stage: who may ask (present, unbanned, live, hands on), who goes up (within the size, the host not
/// counted), one decision per request however many race, and tokens only for those on it. The clock stands still.
/// </summary>
[Collection(LifecycleCollection.Name)]
public sealed class SessionStageGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private static StageContext Live(int maxStage = 3, bool hands = true) => new(SessionState.Live, hands, maxStage, HostId);

    private static readonly Guid HostId = Guid.NewGuid();

    private static StageDecision Approve(StageContext? context = null) => new(HostId, true, StagePermissions.Default, context ?? Live());

    private static StageDecision Reject() => new(HostId, false, StagePermissions.Default, Live());

    private (Guid SessionId, ISessionStageGrain Stage) NewStage()
    {
        var sessionId = Guid.NewGuid();
        return (sessionId, Grains.GetGrain<ISessionStageGrain>(sessionId));
    }

    private async Task<Guid> PresentAsync(Guid sessionId)
    {
        var userId = Guid.NewGuid();
        await Grains.GetGrain<ISessionAudienceGrain>(sessionId)
            .JoinAsync(new AudienceJoin(userId, "Viewer", AttendeeRole.Viewer, SessionState.Live, null));
        return userId;
    }

    private static async Task<RoomcastException> Refused(Func<Task> call, string code)
    {
        var e = await Assert.ThrowsAsync<RoomcastException>(call);
        Assert.Equal(code, e.Code);
        return e;
    }

    [Fact]
    public async Task OnlySomeonePresentInALiveSessionWithHandsOnMayRaiseAHandAndRaisingTwiceKeepsTheFirstTime()
    {
        var (sessionId, stage) = NewStage();
        var present = await PresentAsync(sessionId);

        await Refused(() => stage.RaiseHandAsync(Guid.NewGuid(), Live()), "not_joined");
        await Refused(() => stage.RaiseHandAsync(present, Live(hands: false)), "hand_raise_disabled");
        await Refused(() => stage.RaiseHandAsync(present, Live() with { State = SessionState.Scheduled }), "session_not_live");
        var first = await stage.RaiseHandAsync(present, Live());
        var again = await stage.RaiseHandAsync(present, Live());

        Assert.Equal(first, again);
        Assert.Equal([first], await stage.GetHandsAsync());
        Assert.True(await stage.LowerHandAsync(present));
        Assert.False(await stage.LowerHandAsync(present));
        Assert.Empty(await stage.GetHandsAsync());
    }

    [Fact]
    public async Task ABannedPersonIsToldSoRatherThanThatTheyAreAbsentAndABannedMemberGetsNoToken()
    {
        var (sessionId, stage) = NewStage();
        var user = await PresentAsync(sessionId);
        await stage.AddAsync(user, StagePermissions.Default, HostId, Live());
        await Grains.GetGrain<ISessionAudienceGrain>(sessionId).BanAsync(new BanCommand(user, null, HostId, null));

        await Refused(() => stage.IssueTokenAsync(user, "Ann", HostId), "banned");
        await Refused(() => stage.RaiseHandAsync(user, Live()), "banned");
        await Refused(() => stage.RequestAsync(user, "please", Live()), "banned");
    }

    [Fact]
    public async Task ApprovingAHandPutsThePersonUpWithAudioAndVideoAndLowersIt()
    {
        var (sessionId, stage) = NewStage();
        var user = await PresentAsync(sessionId);
        await stage.RaiseHandAsync(user, Live());
        var request = await stage.RequestAsync(user, null, Live());

        var member = await stage.DecideHandAsync(user, Approve());

        Assert.Equal(new StagePermissions(Audio: true, Video: true, ScreenShare: false), member!.Permissions);
        Assert.Empty(await stage.GetHandsAsync());
        Assert.Empty(await stage.GetRequestsAsync(null));
        Assert.Equal(StageRequestStatus.Approved, Assert.Single(await stage.GetRequestsAsync(user)).Status);
        Assert.Equal([user], (await stage.GetMembersAsync()).Select(m => m.UserId));
        await Refused(() => stage.RaiseHandAsync(user, Live()), "already_on_stage");
        await Refused(() => stage.DecideRequestAsync(request.Id, Reject()), "already_decided");
        await Refused(() => stage.DecideHandAsync(user, Reject()), "not_found");
    }

    [Fact]
    public async Task AFullStageRefusesTheNextAndTheHostIsNotCounted()
    {
        var (sessionId, stage) = NewStage();
        var first = await PresentAsync(sessionId);
        var second = await PresentAsync(sessionId);
        await stage.RaiseHandAsync(second, Live());

        await stage.AddAsync(first, StagePermissions.Default, HostId, Live(maxStage: 1));
        var e = await Refused(() => stage.DecideHandAsync(second, Approve(Live(maxStage: 1))), "stage_full");

        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.Single(await stage.GetHandsAsync()); // still waiting, not lost
        await Refused(() => stage.AddAsync(HostId, StagePermissions.Default, HostId, Live()), "validation_failed");
    }

    [Fact]
    public async Task FiftyRacingApprovalsAndRejectionsOfOneRequestHaveExactlyOneWinner()
    {
        var (sessionId, stage) = NewStage();
        var user = await PresentAsync(sessionId);
        var request = await stage.RequestAsync(user, "may I?", Live());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            try
            {
                return (await stage.DecideRequestAsync(request.Id, i % 2 == 0 ? Approve() : Reject())).Status.ToString();
            }
            catch (RoomcastException e)
            {
                return e.Code;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o is nameof(StageRequestStatus.Approved) or nameof(StageRequestStatus.Rejected)));
        Assert.Equal(49, outcomes.Count(o => o == "already_decided"));
        var decided = Assert.Single(await stage.GetRequestsAsync(user));
        Assert.Equal(decided.Status == StageRequestStatus.Approved, (await stage.GetMembersAsync()).Any(m => m.UserId == user));
    }

    [Fact]
    public async Task AStageTokenPublishesExactlyTheGrantedSourcesAndNoneIsIssuedAfterARemoval()
    {
        var (sessionId, stage) = NewStage();
        var user = await PresentAsync(sessionId);
        await Refused(() => stage.IssueTokenAsync(user, "Ann", HostId), "not_on_stage");
        await stage.AddAsync(user, new StagePermissions(Audio: true, Video: false, ScreenShare: true), HostId, Live());

        var admission = await stage.IssueTokenAsync(user, "Ann", HostId);

        var video = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(admission.Token.Split('.')[1]))))
            .RootElement.GetProperty("video");
        Assert.True(video.GetProperty("canPublish").GetBoolean());
        Assert.Equal(["microphone", "screen_share", "screen_share_audio"], video.GetProperty("canPublishSources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(user.ToString(), admission.Identity);

        Assert.True(await stage.RemoveAsync(user));
        Assert.False(await stage.RemoveAsync(user));
        await Refused(() => stage.IssueTokenAsync(user, "Ann", HostId), "not_on_stage");
    }

    [Fact]
    public async Task ARequestPendingIsAnsweredAgainAndTheQueueIsBounded()
    {
        var (sessionId, stage) = NewStage();
        var users = new List<Guid>();
        for (var i = 0; i <= SessionStageGrain.MaxPending; i++)
        {
            users.Add(await PresentAsync(sessionId));
        }

        var first = await stage.RequestAsync(users[0], "one", Live());
        Assert.Equal(first, await stage.RequestAsync(users[0], "two", Live()));
        await Task.WhenAll(users.Skip(1).Take(SessionStageGrain.MaxPending - 1).Select(u => stage.RequestAsync(u, null, Live())));
        await Refused(() => stage.RequestAsync(users[^1], null, Live()), "stage_queue_full");
        Assert.Equal(SessionStageGrain.MaxPending, (await stage.GetRequestsAsync(null)).Count);
    }

    [Fact]
    public async Task EachStoredChangeIsAnnouncedOnTheSessionsEventStream()
    {
        var (sessionId, stage) = NewStage();
        var user = await PresentAsync(sessionId);
        var events = Grains.GetGrain<ISessionEventsGrain>(sessionId);
        var marker = await events.PublishAsync(SessionEventDraft.Of("test.marker", new { }));

        await stage.RaiseHandAsync(user, Live());
        await stage.RequestAsync(user, "hello", Live());
        await stage.DecideHandAsync(user, Approve());
        await stage.UpdateAsync(user, new StagePermissions(Audio: true, Video: false, ScreenShare: false));
        await stage.RemoveAsync(user);

        var published = (await events.GetSinceAsync(marker.Id))!;
        Assert.Equal(
            [SessionEventTypes.HandRaised, SessionEventTypes.StageRequested, SessionEventTypes.HandLowered, SessionEventTypes.StageChanged,
                SessionEventTypes.StageChanged, SessionEventTypes.StageChanged],
            published.Select(e => e.Type));
        Assert.All(published.Take(3), e => Assert.Equal(user, e.Subject));
        Assert.Equal(user, JsonDocument.Parse(published[0].Data).RootElement.GetProperty("user_id").GetGuid());
        Assert.Equal("hello", JsonDocument.Parse(published[1].Data).RootElement.GetProperty("message").GetString());
        var changed = JsonDocument.Parse(published[4].Data).RootElement.GetProperty("members");
        Assert.False(Assert.Single(changed.EnumerateArray()).GetProperty("can_publish_video").GetBoolean());
        Assert.Empty(JsonDocument.Parse(published[5].Data).RootElement.GetProperty("members").EnumerateArray());
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
