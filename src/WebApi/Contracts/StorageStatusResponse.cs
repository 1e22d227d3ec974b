using Roomcast.Maintenance;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// What recording storage holds (<c>files</c>, <c>bytes</c>), how much no recording owns (<c>orphan_*</c>), the
/// recordings by status, the retention, and the last and next cleanup.
/// </summary>
public sealed record StorageStatusResponse(
    string Kind,
    long Files,
    long Bytes,
    long OrphanFiles,
    long OrphanBytes,
    IReadOnlyDictionary<string, long> RecordingsByStatus,
    long? RetentionSeconds,
    StorageCleanupResponse? LastCleanup,
    DateTimeOffset? NextCleanupAt,
    DateTimeOffset CheckedAt)
{
    public static StorageStatusResponse From(StorageStatus s) => new(
        s.Kind, s.Files, s.Bytes, s.OrphanFiles, s.OrphanBytes, s.RecordingsByStatus,
        s.Retention is { } retention ? (long)retention.TotalSeconds : null,
        s.LastCleanup is { } last ? StorageCleanupResponse.From(last) : null, s.NextCleanupAt, s.CheckedAt);
}
