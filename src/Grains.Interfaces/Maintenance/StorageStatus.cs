namespace Roomcast.Maintenance;

/// <summary>What recording storage holds, and how much of it no recording owns.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StorageStatus")]
public sealed record StorageStatus(
    [property: Id(0)] string Kind,
    [property: Id(1)] long Files,
    [property: Id(2)] long Bytes,
    [property: Id(3)] long OrphanFiles,
    [property: Id(4)] long OrphanBytes,
    [property: Id(5)] IReadOnlyDictionary<string, long> RecordingsByStatus,
    [property: Id(6)] TimeSpan? Retention,
    [property: Id(7)] StorageCleanupReport? LastCleanup,
    [property: Id(8)] DateTimeOffset? NextCleanupAt,
    [property: Id(9)] DateTimeOffset CheckedAt);
