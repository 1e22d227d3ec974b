using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Maintenance;
using Roomcast.Recordings;
using Roomcast.Storage;

namespace Roomcast.Grains.Recordings;

/// <summary>
/// Compares what recording storage holds with what the recording catalog says is owned. Expired recordings are
/// deleted through their grains (file and record together); a file no recording owns is deleted once it is older
/// than the grace period, so a file an egress is still writing is never taken. Every step is idempotent, so a
/// cleanup cut short by a silo loss is simply run again.
/// </summary>
public sealed partial class StorageJanitorGrain(
    [PersistentState("storage-janitor", GrainStorage.Name)] IPersistentState<StorageJanitorState> state,
    IRecordingCatalog catalog,
    IRecordingStorage storage,
    IOptions<RecordingOptions> options,
    TimeProvider clock,
    ILogger<StorageJanitorGrain> logger) : Grain, IStorageJanitorGrain, IRemindable
{
    public const string ReminderName = "storage-cleanup";
    internal const string RecordingsFolder = "recordings/";

    private readonly RecordingOptions _options = options.Value;

    public async Task<StorageStatus> GetStatusAsync()
    {
        var (owned, byStatus) = await ReadCatalogAsync();
        long files = 0, bytes = 0, orphanFiles = 0, orphanBytes = 0;
        await foreach (var file in storage.ListAsync(RecordingsFolder))
        {
            files++;
            bytes += file.SizeBytes;
            if (!owned.ContainsKey(file.Key))
            {
                orphanFiles++;
                orphanBytes += file.SizeBytes;
            }
        }

        var reminder = await this.GetReminder(ReminderName);
        var last = state.State.LastCleanup;
        return new StorageStatus(storage.Kind, files, bytes, orphanFiles, orphanBytes, byStatus, _options.Retention, last,
            reminder is null ? null : (last?.FinishedAt ?? clock.GetUtcNow()) + _options.CleanupInterval, clock.GetUtcNow());
    }

    public Task<StorageCleanupReport> CleanupAsync() => RunCleanupAsync("manual");

    public Task EnsureScheduledAsync() =>
        this.RegisterOrUpdateReminder(ReminderName, _options.CleanupInterval, _options.CleanupInterval);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            try
            {
                await RunCleanupAsync("schedule");
            }
            catch (Exception e) when (e is RoomcastException { Kind: ErrorKind.Unavailable } or StorageUnavailableException)
            {
                LogCleanupDeferred(e.Message);
            }
        }
    }

    private async Task<StorageCleanupReport> RunCleanupAsync(string trigger)
    {
        var startedAt = clock.GetUtcNow();
        int expired = 0, orphans = 0, failures = 0;
        long freed = 0;

        var (owned, _) = await ReadCatalogAsync();
        if (_options.Retention is { } retention)
        {
            var cutoff = startedAt - retention;
            foreach (var recording in owned.Values.Where(r =>
                         r.Status is RecordingStatus.Ready or RecordingStatus.Failed && (r.EndedAt ?? r.CreatedOn) < cutoff))
            {
                try
                {
                    await GrainFactory.GetGrain<IRecordingGrain>(recording.Id).DeleteAsync(expectedChangeSequence: null);
                    owned.Remove(recording.StorageKey);
                    expired++;
                    freed += recording.SizeBytes ?? 0;
                }
                catch (RoomcastException e) when (e.Kind is ErrorKind.NotFound)
                {
                    owned.Remove(recording.StorageKey);
                }
                catch (Exception e) when (e is RoomcastException or StorageUnavailableException)
                {
                    failures++;
                    LogDeleteFailed(recording.Id, e.Message);
                }
            }
        }

        var orphanCutoff = startedAt - _options.OrphanGracePeriod;
        await foreach (var file in storage.ListAsync(RecordingsFolder))
        {
            if (owned.ContainsKey(file.Key) || file.LastModified > orphanCutoff)
            {
                continue;
            }

            try
            {
                await storage.DeleteAsync(file.Key);
                orphans++;
                freed += file.SizeBytes;
            }
            catch (RoomcastException e) when (e.Kind == ErrorKind.Unavailable)
            {
                failures++;
                LogDeleteOrphanFailed(file.Key, e.Message);
            }
        }

        var report = new StorageCleanupReport(startedAt, clock.GetUtcNow(), expired, orphans, freed, failures, trigger);
        await state.WriteOrRevertAsync(state.State with { LastCleanup = report }, this);
        LogCleanedUp(trigger, expired, orphans, freed, failures);
        return report;
    }

    /// <summary>The recordings not deleted, by storage key, and how many there are of each status.</summary>
    private async Task<(Dictionary<string, RecordingSnapshot> Owned, IReadOnlyDictionary<string, long> ByStatus)> ReadCatalogAsync()
    {
        var owned = new Dictionary<string, RecordingSnapshot>(StringComparer.Ordinal);
        var byStatus = Enum.GetValues<RecordingStatus>().ToDictionary(RecordingErrors.Name, _ => 0L);
        await foreach (var recording in catalog.ReadAllAsync())
        {
            if (!recording.Deleted)
            {
                owned[recording.StorageKey] = recording;
                byStatus[RecordingErrors.Name(recording.Status)]++;
            }
        }

        return (owned, byStatus);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Storage cleanup ({Trigger}): {Expired} expired recordings and {Orphans} orphaned files deleted, {Bytes} bytes freed, {Failures} failures")]
    private partial void LogCleanedUp(string trigger, int expired, int orphans, long bytes, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage cleanup could not delete expired recording {RecordingId}: {Reason}; the next cleanup tries again")]
    private partial void LogDeleteFailed(Guid recordingId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage cleanup could not delete orphaned file {Key}: {Reason}; the next cleanup tries again")]
    private partial void LogDeleteOrphanFailed(string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduled storage cleanup could not run ({Reason}); it runs again at the next interval")]
    private partial void LogCleanupDeferred(string reason);
}
