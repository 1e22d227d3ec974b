using Roomcast.Maintenance;

namespace Roomcast.Grains.Recordings;

/// <summary>What the storage janitor remembers: its last cleanup.</summary>
[GenerateSerializer, Alias("Roomcast.StorageJanitorState")]
public sealed record StorageJanitorState
{
    [Id(0)] public StorageCleanupReport? LastCleanup { get; init; }
}
