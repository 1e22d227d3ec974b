namespace Roomcast.Maintenance;

/// <summary>
/// The one janitor of recording storage (key <see cref="Key"/>): reports what storage holds and removes what nobody
/// owns any more (recordings past retention, files without a recording). A daily reminder runs the cleanup; an admin
/// can run it on demand. Not reentrant: a second cleanup asked for during one runs after it and finds nothing left.
/// </summary>
[Alias("Roomcast.IStorageJanitorGrain")]
public interface IStorageJanitorGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [Alias("GetStatus")]
    Task<StorageStatus> GetStatusAsync();

    [Alias("Cleanup")]
    Task<StorageCleanupReport> CleanupAsync();

    /// <summary>Arms the daily cleanup reminder (idempotent); called at silo start.</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();
}
