using Roomcast.Maintenance;

namespace Roomcast.WebApi.Contracts;

/// <summary>What one storage cleanup removed; <c>trigger</c> is <c>manual</c> or <c>schedule</c>.</summary>
public sealed record StorageCleanupResponse(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int ExpiredRecordingsDeleted,
    int OrphanFilesDeleted,
    long BytesFreed,
    int Failures,
    string Trigger)
{
    public static StorageCleanupResponse From(StorageCleanupReport r) => new(
        r.StartedAt, r.FinishedAt, r.ExpiredRecordingsDeleted, r.OrphanFilesDeleted, r.BytesFreed, r.Failures, r.Trigger);
}
