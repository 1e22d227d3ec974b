using System.Net;
using Microsoft.Extensions.Time.Testing;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Recordings;

/// <summary>
/// GET /v1/admin/storage and POST /v1/admin/storage/cleanup on a host that keeps recordings for a day and orphaned
/// files for a day (the default grace). Tests here run one after another, so the store's totals move only by what
/// the running test does; each test asserts on its own files.
/// </summary>
[Collection(StorageAdminCollection.Name)]
public sealed class StorageAdminTests(StorageRetentionApiFactory api)
{
    private readonly RecordingScenario _scenario = new(api);

    private async Task<StorageStatusDto> StatusAsync() =>
        await (await (await api.AdminAsync()).Client.GetAsync("/v1/admin/storage")).ShouldSucceedAsync<StorageStatusDto>();

    private async Task<StorageCleanupDto> CleanupAsync() =>
        await (await (await api.AdminAsync()).Client.PostAsync("/v1/admin/storage/cleanup", null)).ShouldSucceedAsync<StorageCleanupDto>();

    /// <summary>A file under recordings/ that no recording owns, last written <paramref name="age"/> ago.</summary>
    private string StrayFile(int length, TimeSpan age)
    {
        var path = Path.Combine(api.RecordingsRoot, "recordings", Guid.NewGuid().ToString("N"), "stray.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[length]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    /// <summary>A ready recording whose egress LiveKit ran <paramref name="endedAgo"/> ago (LiveKit's clock says when it ended).</summary>
    private async Task<RecordingDto> RecordingEndedAsync(TestUser host, Guid sessionId, TimeSpan endedAgo, int length)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow - endedAgo - TimeSpan.FromMinutes(5));
        api.LiveKit.Clock = clock;
        try
        {
            var started = await RecordingScenario.StartedAsync(host, sessionId);
            var egress = _scenario.EgressOf(started);
            await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Active, eventName: "egress_started");
            _scenario.WriteFile(started, new byte[length]);
            clock.Advance(TimeSpan.FromMinutes(5));
            await _scenario.ReportAsync(egress.EgressId, FakeEgressStatus.Complete, files: [_scenario.FileResult(started, TimeSpan.FromMinutes(5))]);
            var ready = await RecordingScenario.GetAsync(host, started.Id);
            Assert.Equal("ready", ready.Status);
            return ready;
        }
        finally
        {
            api.LiveKit.Clock = TimeProvider.System;
        }
    }

    [Fact]
    public async Task TheStatusCountsFilesBytesAndOrphansUnderRecordings()
    {
        var before = await StatusAsync();
        var (host, session) = await _scenario.LiveSessionAsync();
        await _scenario.ReadyRecordingAsync(host, session.Id, new byte[300]);
        StrayFile(1000, TimeSpan.Zero);

        var after = await StatusAsync();

        Assert.Equal("local", after.Kind);
        Assert.Equal((before.Files + 2, before.Bytes + 1300), (after.Files, after.Bytes));
        Assert.Equal((before.OrphanFiles + 1, before.OrphanBytes + 1000), (after.OrphanFiles, after.OrphanBytes));
        Assert.Equal(before.RecordingsByStatus["ready"] + 1, after.RecordingsByStatus["ready"]);
        Assert.Equal((long)StorageRetentionApiFactory.Retention.TotalSeconds, after.RetentionSeconds);
    }

    [Fact]
    public async Task CleanupDeletesOldOrphansAndExpiredRecordingsAndLeavesTheRestAlone()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var expired = await RecordingEndedAsync(host, session.Id, TimeSpan.FromDays(2), 700);
        var fresh = await _scenario.ReadyRecordingAsync(host, session.Id, new byte[200]);
        var beingMade = await RecordingScenario.StartedAsync(host, session.Id);
        _scenario.WriteFile(beingMade, new byte[50]);
        var oldOrphan = StrayFile(400, TimeSpan.FromDays(2));
        var youngOrphan = StrayFile(60, TimeSpan.FromHours(1));

        var report = await CleanupAsync();

        Assert.Equal(("manual", 1, 1, 0), (report.Trigger, report.ExpiredRecordingsDeleted, report.OrphanFilesDeleted, report.Failures));
        Assert.Equal(1100, report.BytesFreed);
        Assert.False(File.Exists(_scenario.FilePathOf(expired)));
        await (await host.Client.GetAsync($"/v1/recordings/{expired.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        Assert.False(File.Exists(oldOrphan));
        Assert.True(File.Exists(youngOrphan));
        Assert.True(File.Exists(_scenario.FilePathOf(fresh)));
        Assert.True(File.Exists(_scenario.FilePathOf(beingMade)));
        Assert.Equal("ready", (await RecordingScenario.GetAsync(host, fresh.Id)).Status);
        Assert.Equal("starting", (await RecordingScenario.GetAsync(host, beingMade.Id)).Status);

        var status = await StatusAsync();
        Assert.Equal((1, 1), (status.LastCleanup!.ExpiredRecordingsDeleted, status.LastCleanup.OrphanFilesDeleted));
        Assert.NotNull(status.NextCleanupAt);
    }

    [Fact]
    public async Task TwoCleanupsAtOnceBothSucceedAndDeleteEachThingOnce()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var expired = await RecordingEndedAsync(host, session.Id, TimeSpan.FromDays(3), 10);
        var orphans = Enumerable.Range(0, 3).Select(_ => StrayFile(20, TimeSpan.FromDays(3))).ToList();

        var reports = await Task.WhenAll(CleanupAsync(), CleanupAsync());

        Assert.Equal(1, reports.Sum(r => r.ExpiredRecordingsDeleted));
        Assert.Equal(3, reports.Sum(r => r.OrphanFilesDeleted));
        Assert.All(reports, r => Assert.Equal(0, r.Failures));
        Assert.All(orphans, path => Assert.False(File.Exists(path)));
        Assert.False(File.Exists(_scenario.FilePathOf(expired)));

        var third = await CleanupAsync();
        Assert.Equal((0, 0, 0L), (third.ExpiredRecordingsDeleted, third.OrphanFilesDeleted, third.BytesFreed));
    }

    [Fact]
    public async Task StorageAdministrationIsForAdmins()
    {
        var host = await api.CreateHostAsync();
        var anonymous = api.Anonymous();

        await (await host.Client.GetAsync("/v1/admin/storage")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await host.Client.PostAsync("/v1/admin/storage/cleanup", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await anonymous.GetAsync("/v1/admin/storage")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.PostAsync("/v1/admin/storage/cleanup", null)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
