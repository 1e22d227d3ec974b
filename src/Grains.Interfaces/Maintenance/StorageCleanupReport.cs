namespace Roomcast.Maintenance;

/// <summary>What one cleanup removed.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StorageCleanupReport")]
public sealed record StorageCleanupReport(
    [property: Id(0)] DateTimeOffset StartedAt,
    [property: Id(1)] DateTimeOffset FinishedAt,
    [property: Id(2)] int ExpiredRecordingsDeleted,
    [property: Id(3)] int OrphanFilesDeleted,
    [property: Id(4)] long BytesFreed,
    [property: Id(5)] int Failures,
    [property: Id(6)] string Trigger);
