using System.Net;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Recordings;

/// <summary>GET, PATCH and DELETE /v1/recordings/{id}: change sequences, roles, the file going with the recording, and life after the session.</summary>
[Collection(RecordingsCollection.Name)]
public sealed class RecordingMetadataTests(RoomcastApiFactory api)
{
    private readonly RecordingScenario _scenario = new(api);

    private static Task<HttpResponseMessage> PatchAsync(TestUser user, Guid recordingId, object body) =>
        user.Client.PatchAsync($"/v1/recordings/{recordingId}", ApiJson.Body(body));

    private async Task<(TestUser Host, TestUser CoHost, SessionDto Session)> SessionWithCoHostAsync()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var coHost = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { UserId = coHost.Id }))).ShouldSucceedAsync();
        return (host, coHost, session);
    }

    [Fact]
    public async Task TitleAndDescriptionChangeUnderTheChangeSequenceAndAStaleOneIsRefused()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var recording = await RecordingScenario.StartedAsync(host, session.Id);
        var current = await RecordingScenario.GetAsync(host, recording.Id);

        var updated = await (await PatchAsync(host, recording.Id, new { Title = "  Renamed ", Description = "Notes", ChangeSequence = current.ChangeSequence }))
            .ShouldSucceedAsync<RecordingDto>();

        Assert.Equal(("Renamed", "Notes", current.ChangeSequence + 1), (updated.Title, updated.Description, updated.ChangeSequence));
        await (await PatchAsync(host, recording.Id, new { Title = "Again", ChangeSequence = current.ChangeSequence }))
            .ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
        Assert.Equal("Renamed", (await RecordingScenario.GetAsync(host, recording.Id)).Title);
    }

    [Fact]
    public async Task AnEmptyDescriptionClearsItAndTheTitleStays()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var recording = await RecordingScenario.StartedAsync(host, session.Id, "Kept");
        await (await PatchAsync(host, recording.Id, new { Description = "To be removed" })).ShouldSucceedAsync<RecordingDto>();

        var cleared = await (await PatchAsync(host, recording.Id, new { Description = "" })).ShouldSucceedAsync<RecordingDto>();

        Assert.Equal(("Kept", (string?)null), (cleared.Title, cleared.Description));
        Assert.Null((await RecordingScenario.GetAsync(host, recording.Id)).Description);
    }

    [Theory]
    [InlineData("""{"title": "  "}""", "title")]
    [InlineData("""{}""", "body")]
    [InlineData("""{"change_sequence": 1}""", "body")]
    [InlineData("""{"title": 5}""", "title")]
    public async Task ABlankTitleOrABodyThatChangesNothingIsABadRequest(string body, string field)
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var recording = await RecordingScenario.StartedAsync(host, session.Id);

        await (await host.Client.PatchAsync($"/v1/recordings/{recording.Id}", ApiJson.Raw(body))).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task ARecordingBeingMadeCannotBeDeleted()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var recording = await RecordingScenario.StartedAsync(host, session.Id);

        await (await host.Client.DeleteAsync($"/v1/recordings/{recording.Id}")).ShouldFailAsync(HttpStatusCode.Conflict, "recording_active", "status");

        Assert.Equal("starting", (await RecordingScenario.GetAsync(host, recording.Id)).Status);
    }

    [Fact]
    public async Task DeletingAReadyRecordingRemovesItsFileFromDisk()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var recording = await _scenario.ReadyRecordingAsync(host, session.Id, RecordingScenario.Content(64));
        var path = _scenario.FilePathOf(recording);
        Assert.True(File.Exists(path));

        var deleted = await (await host.Client.DeleteAsync($"/v1/recordings/{recording.Id}")).ShouldSucceedAsync<DeletedDto>();

        Assert.Equal((recording.Id, true), (deleted.Id, deleted.Deleted));
        Assert.False(File.Exists(path));
        await (await host.Client.GetAsync($"/v1/recordings/{recording.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.DeleteAsync($"/v1/recordings/{recording.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(recording.Id, (await (await host.Client.GetAsync("/v1/recordings")).ShouldSucceedAsync<ListDto<RecordingDto>>()).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task ACoHostMayUpdateButNotDelete()
    {
        var (host, coHost, session) = await SessionWithCoHostAsync();
        var recording = await _scenario.ReadyRecordingAsync(host, session.Id, RecordingScenario.Content(16));

        Assert.Equal(recording.Id, (await RecordingScenario.GetAsync(coHost, recording.Id)).Id);
        Assert.Equal("By the co-host", (await (await PatchAsync(coHost, recording.Id, new { Title = "By the co-host" })).ShouldSucceedAsync<RecordingDto>()).Title);
        await (await coHost.Client.DeleteAsync($"/v1/recordings/{recording.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.True(File.Exists(_scenario.FilePathOf(recording)));
    }

    [Fact]
    public async Task ViewersAndStrangersDoNotReachARecording()
    {
        var (host, session) = await _scenario.LiveSessionAsync(visibility: "private");
        var recording = await RecordingScenario.StartedAsync(host, session.Id);
        var stranger = await api.CreateHostAsync();
        var (publicHost, publicSession) = await _scenario.LiveSessionAsync();
        var publicRecording = await RecordingScenario.StartedAsync(publicHost, publicSession.Id);
        var viewer = await api.CreateViewerAsync();

        await (await stranger.Client.GetAsync($"/v1/recordings/{recording.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await PatchAsync(stranger, recording.Id, new { Title = "x" })).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await viewer.Client.GetAsync($"/v1/recordings/{publicRecording.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await api.Anonymous().GetAsync($"/v1/recordings/{recording.Id}")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await host.Client.GetAsync($"/v1/recordings/{Guid.NewGuid()}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.GetAsync("/v1/recordings/not-a-uuid")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task AfterTheSessionIsDeletedItsHostKeepsTheRecordingAndACoHostLosesIt()
    {
        var (host, coHost, session) = await SessionWithCoHostAsync();
        var recording = await _scenario.ReadyRecordingAsync(host, session.Id, RecordingScenario.Content(32));
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/end", null)).ShouldSucceedAsync<SessionDto>();
        await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}")).ShouldSucceedAsync();
        await (await host.Client.GetAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal("ready", (await RecordingScenario.GetAsync(host, recording.Id)).Status);
        await (await coHost.Client.GetAsync($"/v1/recordings/{recording.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await coHost.Client.DeleteAsync($"/v1/recordings/{recording.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

        await (await host.Client.DeleteAsync($"/v1/recordings/{recording.Id}")).ShouldSucceedAsync<DeletedDto>();
        Assert.False(File.Exists(_scenario.FilePathOf(recording)));
    }

    [Fact]
    public async Task EndingTheSessionStopsItsRecording()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var recording = await RecordingScenario.StartedAsync(host, session.Id);
        var egress = _scenario.EgressOf(recording);
        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Active, eventName: "egress_started");

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/end", null)).ShouldSucceedAsync<SessionDto>();

        var stopped = await Eventually.MatchAsync(() => RecordingScenario.GetAsync(host, recording.Id), r => r.Status != "recording",
            TimeSpan.FromSeconds(10), "the recording to stop with its session");
        Assert.Equal("processing", stopped.Status);
        Assert.Contains(api.LiveKit.Calls, c => c.Method == "StopEgress" && c.BodyString("egress_id") == egress.EgressId);
    }

    [Fact]
    public async Task AnEgressEndingAfterItsRecordingWasDeletedIsAcknowledgedAndBringsNothingBack()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var recording = await RecordingScenario.StartedAsync(host, session.Id);
        var egress = _scenario.EgressOf(recording);
        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Active, eventName: "egress_started");
        Assert.Equal("processing", (await RecordingScenario.StopAsync(host, session.Id)).Status);
        await (await host.Client.DeleteAsync($"/v1/recordings/{recording.Id}")).ShouldSucceedAsync<DeletedDto>();

        // LiveKit finishes the file it was still writing and says so.
        _scenario.WriteFile(recording, RecordingScenario.Content(10));
        var answer = await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Complete, files: [_scenario.FileResult(recording, TimeSpan.FromSeconds(1))]);

        Assert.Equal("processed", answer.Outcome);
        await (await host.Client.GetAsync($"/v1/recordings/{recording.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task IfMatchGuardsUpdatesAndDeletesLikeTheChangeSequence()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var recording = await _scenario.ReadyRecordingAsync(host, session.Id, RecordingScenario.Content(8));
        var read = await host.Client.GetAsync($"/v1/recordings/{recording.Id}");
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal($"\"{recording.ChangeSequence}\"", etag);

        using var stalePatch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/recordings/{recording.Id}") { Content = ApiJson.Body(new { Title = "x" }) };
        stalePatch.Headers.TryAddWithoutValidation("If-Match", $"\"{recording.ChangeSequence - 1}\"");
        await (await host.Client.SendAsync(stalePatch)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");

        using var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"/v1/recordings/{recording.Id}");
        staleDelete.Headers.TryAddWithoutValidation("If-Match", $"\"{recording.ChangeSequence - 1}\"");
        await (await host.Client.SendAsync(staleDelete)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
        Assert.True(File.Exists(_scenario.FilePathOf(recording)));

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/v1/recordings/{recording.Id}");
        delete.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await host.Client.SendAsync(delete)).ShouldSucceedAsync<DeletedDto>();
    }

    [Fact]
    public async Task AfterTheSessionIsDeletedItsHostStillGetsADownloadUrl()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var content = RecordingScenario.Content(77);
        var recording = await _scenario.ReadyRecordingAsync(host, session.Id, content);
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/end", null)).ShouldSucceedAsync<SessionDto>();
        await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}")).ShouldSucceedAsync();

        var link = await (await host.Client.GetAsync($"/v1/recordings/{recording.Id}/download_url")).ShouldSucceedAsync<RecordingDownloadDto>();

        Assert.Equal(content, await api.Anonymous().GetByteArrayAsync(new Uri(link.Url).PathAndQuery));
    }
}
