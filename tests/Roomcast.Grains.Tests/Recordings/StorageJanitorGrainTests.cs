using Roomcast.Grains.Recordings;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Maintenance;

namespace Roomcast.Grains.Tests.Recordings;

/// <summary>The storage janitor: its reminder exists from the silo's start, fires on the fake clock, and its cleanup can run again and again.</summary>
[Collection(RecordingClusterCollection.Name)]
public sealed class StorageJanitorGrainTests(ClusterFixture fixture)
{
    private static readonly RecordingOptions Defaults = new();

    private IStorageJanitorGrain Janitor => fixture.Client.GetGrain<IStorageJanitorGrain>(IStorageJanitorGrain.Key);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    /// <summary>A file no recording owns, last written <paramref name="age"/> before the fake clock's now.</summary>
    private string StrayFile(TimeSpan age)
    {
        var path = Path.Combine(fixture.RecordingsRoot, "recordings", Guid.NewGuid().ToString("N"), "stray.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[128]);
        File.SetLastWriteTimeUtc(path, (Now - age).UtcDateTime);
        return path;
    }

    [Fact]
    public async Task TheCleanupReminderIsRegisteredWhenTheSiloStarts()
    {
        var reminders = await Eventually.Of(async () => (await fixture.ReminderTable.ReadRows(Janitor.GetGrainId())).Reminders,
            rows => rows.Count > 0, TimeSpan.FromSeconds(10), "the storage cleanup reminder");

        var reminder = Assert.Single(reminders, r => r.ReminderName == "storage-cleanup");
        Assert.Equal(Defaults.CleanupInterval, reminder.Period);
    }

    [Fact]
    public async Task ACleanupRunAgainDeletesNothingMore()
    {
        var old = StrayFile(Defaults.OrphanGracePeriod + TimeSpan.FromHours(1));
        var young = StrayFile(Defaults.OrphanGracePeriod - TimeSpan.FromHours(1));

        var first = await Janitor.CleanupAsync();
        var second = await Janitor.CleanupAsync();

        Assert.True(first.OrphanFilesDeleted >= 1);
        Assert.Equal((0, 0, 0L, 0), (second.OrphanFilesDeleted, second.ExpiredRecordingsDeleted, second.BytesFreed, second.Failures));
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(young));
        Assert.Equal(second, (await Janitor.GetStatusAsync()).LastCleanup);
    }

    [Fact]
    public async Task TheReminderRunsTheCleanupByItself()
    {
        await Eventually.Of(async () => (await fixture.ReminderTable.ReadRows(Janitor.GetGrainId())).Reminders,
            rows => rows.Count > 0, TimeSpan.FromSeconds(10), "the storage cleanup reminder");
        var old = StrayFile(Defaults.OrphanGracePeriod + Defaults.CleanupInterval + TimeSpan.FromHours(1));

        await fixture.Clock.AdvanceToAsync(Now + Defaults.CleanupInterval + TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10));

        var status = await Eventually.Of(Janitor.GetStatusAsync, s => s.LastCleanup?.Trigger == "schedule", TimeSpan.FromSeconds(10),
            "a scheduled cleanup");
        Assert.False(File.Exists(old));
        Assert.Equal(0, status.LastCleanup!.Failures);
    }
}
