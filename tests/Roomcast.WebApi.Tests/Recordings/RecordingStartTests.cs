using System.Net;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Recordings;

/// <summary>POST /v1/sessions/{id}/recordings and its refusals: settings, the one slot, the session's state, roles, and LiveKit down.</summary>
[Collection(RecordingsCollection.Name)]
public sealed class RecordingStartTests(RoomcastApiFactory api)
{
    private readonly RecordingScenario _scenario = new(api);

    [Fact]
    public async Task RecordingIsOffForANewSessionAndAStartIsRefusedUntilItIsTurnedOn()
    {
        var (host, session) = await _scenario.LiveSessionAsync(recordingEnabled: false);
        Assert.False(session.Settings.RecordingEnabled);

        await (await RecordingScenario.StartAsync(host, session.Id)).ShouldFailAsync(HttpStatusCode.Conflict, "recording_disabled");
        Assert.DoesNotContain(api.LiveKit.Egresses, e => e.RoomName == $"session-{session.Id:D}");

        await RecordingScenario.EnableRecordingAsync(host, session.Id);
        Assert.Equal("starting", (await RecordingScenario.StartedAsync(host, session.Id)).Status);
    }

    [Fact]
    public async Task ASecondStartWhileOneIsRunningIsRefusedAndNamesTheRunningOne()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var first = await RecordingScenario.StartedAsync(host, session.Id);

        var error = await (await RecordingScenario.StartAsync(host, session.Id)).ShouldFailAsync(HttpStatusCode.Conflict, "recording_in_progress", "recording_id");

        Assert.Equal(first.Id.ToString(), error.MessageOf("recording_id"));
        Assert.Single(api.LiveKit.Egresses, e => e.RoomName == $"session-{session.Id:D}");
    }

    [Fact]
    public async Task ASessionThatIsNotLiveCannotBeRecorded()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var scheduled = await api.CreateSessionAsync(host, room.Id);
        await RecordingScenario.EnableRecordingAsync(host, scheduled.Id);

        await (await RecordingScenario.StartAsync(host, scheduled.Id)).ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition");

        await api.StartSessionAsync(host, scheduled.Id);
        await (await host.Client.PostAsync($"/v1/sessions/{scheduled.Id}/end", null)).ShouldSucceedAsync<SessionDto>();
        await (await RecordingScenario.StartAsync(host, scheduled.Id)).ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition");
    }

    [Fact]
    public async Task ACoHostMayStartAndStopAViewerMayNot()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var coHost = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { UserId = coHost.Id }))).ShouldSucceedAsync();
        var viewer = await api.CreateViewerAsync();

        await (await RecordingScenario.StartAsync(viewer, session.Id)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/recordings/stop", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        var started = await RecordingScenario.StartedAsync(coHost, session.Id);
        Assert.Equal((coHost.Id, host.Id), (started.StartedBy, started.OwnerId));
        Assert.Equal("processing", (await RecordingScenario.StopAsync(coHost, session.Id)).Status);
    }

    [Fact]
    public async Task AStrangerDoesNotSeeAPrivateSessionsRecordings()
    {
        var (host, session) = await _scenario.LiveSessionAsync(visibility: "private");
        var stranger = await api.CreateHostAsync();

        await (await RecordingScenario.StartAsync(stranger, session.Id)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.GetAsync($"/v1/sessions/{session.Id}/recordings/active")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await RecordingScenario.StartAsync(host, Guid.NewGuid())).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await api.Anonymous().PostAsync($"/v1/sessions/{session.Id}/recordings", null)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task StopWithoutARunningRecordingIsAConflict()
    {
        var (host, session) = await _scenario.LiveSessionAsync();

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/recordings/stop", null)).ShouldFailAsync(HttpStatusCode.Conflict, "no_active_recording");
    }

    [Fact]
    public async Task ABlankTitleIsABadRequest()
    {
        var (host, session) = await _scenario.LiveSessionAsync();

        await (await RecordingScenario.StartAsync(host, session.Id, "   ")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "title");
    }

    [Fact]
    public async Task WithLiveKitDownAStartIs503AndLeavesNothingBehindAndARetryAfterRecoveryWorks()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        api.LiveKit.FailAlways(FakeLiveKitFailure.Unavailable);
        try
        {
            await (await RecordingScenario.StartAsync(host, session.Id)).ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "livekit_unavailable");
        }
        finally
        {
            api.LiveKit.FailAlways(null);
        }

        var active = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/recordings/active")).ShouldSucceedAsync<ActiveRecordingDto>();
        Assert.False(active.Recording);
        Assert.Null(active.ActiveRecording);
        var mine = await (await host.Client.GetAsync("/v1/recordings")).ShouldSucceedAsync<ListDto<RecordingDto>>();
        Assert.Empty(mine.Items);
        Assert.Empty((await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/recordings")).ShouldSucceedAsync<ListDto<RecordingDto>>()).Items);

        var retried = await RecordingScenario.StartedAsync(host, session.Id);

        Assert.Equal("starting", retried.Status);
        Assert.Equal(retried.Id, Assert.Single((await (await host.Client.GetAsync("/v1/recordings")).ShouldSucceedAsync<ListDto<RecordingDto>>()).Items).Id);
        Assert.Single(api.LiveKit.Egresses, e => e.RoomName == $"session-{session.Id:D}");
    }

    [Fact]
    public async Task ManyStartsAtOnceMakeOneRecordingAndOneEgress()
    {
        var (host, session) = await _scenario.LiveSessionAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RecordingScenario.StartAsync(host, session.Id)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldFailAsync(HttpStatusCode.Conflict, "recording_in_progress");
        }

        Assert.Single(api.LiveKit.Egresses, e => e.RoomName == $"session-{session.Id:D}");
        Assert.Single((await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/recordings")).ShouldSucceedAsync<ListDto<RecordingDto>>()).Items);
    }
}
