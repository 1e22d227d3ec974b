using System.Net;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Recordings;

/// <summary>
/// A recording from start to file, driven the way production drives it: the API starts a room-composite file egress
/// on (fake) LiveKit, and signed egress webhooks move it through recording, processing and ready or failed.
/// </summary>
[Collection(RecordingsCollection.Name)]
public sealed class RecordingLifecycleTests(RoomcastApiFactory api)
{
    private readonly RecordingScenario _scenario = new(api);

    [Fact]
    public async Task ARecordingGoesFromStartingToReadyWithTheSizeOfItsFileAndItsDuration()
    {
        var (host, session) = await _scenario.LiveSessionAsync();

        var started = await RecordingScenario.StartedAsync(host, session.Id, "Quarterly all-hands");

        Assert.Equal(("starting", "Quarterly all-hands", session.Id, host.Id, host.Id), (started.Status, started.Title, started.SessionId, started.OwnerId, started.StartedBy));
        var egress = _scenario.EgressOf(started);
        Assert.Equal($"{api.RecordingsRoot}/recordings/{session.Id:N}/{started.Id:N}.mp4", RecordingScenario.FilePathOfRequest(egress.Request));
        Assert.Equal($"session-{session.Id:D}", egress.RoomName);

        Assert.Equal("processed", (await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Active, eventName: "egress_started")).Outcome);
        Assert.Equal("recording", (await RecordingScenario.GetAsync(host, started.Id)).Status);
        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Active);
        Assert.Equal("recording", (await RecordingScenario.GetAsync(host, started.Id)).Status);

        var content = RecordingScenario.Content(4096);
        _scenario.WriteFile(started, content);
        var stopped = await RecordingScenario.StopAsync(host, session.Id);
        Assert.Equal("processing", stopped.Status);
        Assert.Contains(api.LiveKit.Calls, c => c.Method == "StopEgress" && c.BodyString("egress_id") == egress.EgressId);

        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Complete, files: [_scenario.FileResult(started, TimeSpan.FromSeconds(42.5))]);

        var ready = await RecordingScenario.GetAsync(host, started.Id);
        Assert.Equal(("ready", (long?)content.Length, (double?)42.5, (string?)null), (ready.Status, ready.SizeBytes, ready.DurationSeconds, ready.Error));
        Assert.NotNull(ready.ReadyAt);
        Assert.NotNull(ready.StartedAt);
        Assert.NotNull(ready.EndedAt);
        Assert.True(ready.ChangeSequence > started.ChangeSequence);
    }

    [Fact]
    public async Task WithoutATitleTheRecordingIsNamedAfterTheSession()
    {
        var (host, session) = await _scenario.LiveSessionAsync();

        var started = await RecordingScenario.StartedAsync(host, session.Id);

        Assert.StartsWith(session.Name, started.Title);
    }

    [Fact]
    public async Task AnEgressThatCompletesWithoutAFileFailsTheRecordingNamingTheMissingKey()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var started = await RecordingScenario.StartedAsync(host, session.Id);
        var egress = _scenario.EgressOf(started);
        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Active, eventName: "egress_started");
        await RecordingScenario.StopAsync(host, session.Id);

        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Complete);

        var failed = await RecordingScenario.GetAsync(host, started.Id);
        Assert.Equal("failed", failed.Status);
        Assert.Contains($"recordings/{session.Id:N}/{started.Id:N}.mp4", failed.Error);
        Assert.Null(failed.SizeBytes);
    }

    [Fact]
    public async Task AnAdminRetryOfAFailedRecordingFindsTheFileThatCameLate()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var started = await RecordingScenario.StartedAsync(host, session.Id);
        var egress = _scenario.EgressOf(started);
        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Active, eventName: "egress_started");
        await RecordingScenario.StopAsync(host, session.Id);
        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Complete);
        Assert.Equal("failed", (await RecordingScenario.GetAsync(host, started.Id)).Status);
        var admin = await api.AdminAsync();

        var content = RecordingScenario.Content(1000);
        _scenario.WriteFile(started, content);
        var retried = await (await admin.Client.PostAsync($"/v1/admin/recordings/{started.Id}/retry", null)).ShouldSucceedAsync<RecordingDto>();

        Assert.Equal(("ready", (long?)content.Length, (string?)null), (retried.Status, retried.SizeBytes, retried.Error));
        Assert.Equal("ready", (await RecordingScenario.GetAsync(host, started.Id)).Status);

        var again = await admin.Client.PostAsync($"/v1/admin/recordings/{started.Id}/retry", null);
        await again.ShouldFailAsync(HttpStatusCode.Conflict, "recording_not_failed", "status");
    }

    [Fact]
    public async Task ARetryIsForAdminsOnlyAndOfRecordingsThatExist()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var started = await RecordingScenario.StartedAsync(host, session.Id);
        var admin = await api.AdminAsync();

        await (await host.Client.PostAsync($"/v1/admin/recordings/{started.Id}/retry", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await api.Anonymous().PostAsync($"/v1/admin/recordings/{started.Id}/retry", null)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await admin.Client.PostAsync($"/v1/admin/recordings/{started.Id}/retry", null)).ShouldFailAsync(HttpStatusCode.Conflict, "recording_not_failed");
        await (await admin.Client.PostAsync($"/v1/admin/recordings/{Guid.NewGuid()}/retry", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AFailedEgressFailsTheRecordingWithLiveKitsError()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var started = await RecordingScenario.StartedAsync(host, session.Id);
        var egress = _scenario.EgressOf(started);
        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Active, eventName: "egress_started");

        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Failed, error: "pipeline crashed");

        var failed = await RecordingScenario.GetAsync(host, started.Id);
        Assert.Equal(("failed", "pipeline crashed"), (failed.Status, failed.Error));
        var active = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/recordings/active")).ShouldSucceedAsync<ActiveRecordingDto>();
        Assert.False(active.Recording);

        // The slot is free again: the next start is a new recording.
        var next = await RecordingScenario.StartedAsync(host, session.Id);
        Assert.NotEqual(started.Id, next.Id);
    }

    [Fact]
    public async Task AnOlderEgressReportArrivingLateDoesNotMoveAFinishedRecordingBack()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var started = await RecordingScenario.StartedAsync(host, session.Id);
        var egress = _scenario.EgressOf(started);
        _scenario.WriteFile(started, RecordingScenario.Content(100));
        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Active, eventName: "egress_started");
        await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Complete, files: [_scenario.FileResult(started, TimeSpan.FromSeconds(3))]);
        Assert.Equal("ready", (await RecordingScenario.GetAsync(host, started.Id)).Status);

        // An "active" LiveKit wrote before it completed, delivered after: older than the last report applied.
        var complete = api.LiveKit.Egress(egress.EgressId)!;
        var stale = complete with { Status = FakeEgressStatus.Active, EndedAt = null, Files = [], UpdatedAt = complete.UpdatedAt.AddSeconds(-2) };
        var activeBody = LiveKitWebhookBodies.EgressUpdated(stale, DateTimeOffset.UtcNow);

        await _scenario.DeliverAsync(activeBody);

        Assert.Equal("ready", (await RecordingScenario.GetAsync(host, started.Id)).Status);
    }
}
