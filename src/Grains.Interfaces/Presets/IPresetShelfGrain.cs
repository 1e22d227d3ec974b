using Orleans.Concurrency;

namespace Roomcast.Presets;

/// <summary>
/// One owner's presets (key = the owner's user id): their ids in creation order and the default. Creating,
/// deleting and choosing the default all pass through this one grain, so an owner has at most one default and
/// switching it is a single write.
/// </summary>
[Alias("Roomcast.IPresetShelfGrain")]
public interface IPresetShelfGrain : IGrainWithGuidKey
{
    /// <summary>Creates a preset with a fresh id for this owner; refused with quota_exceeded at the limit.</summary>
    [Alias("Create")]
    Task<PresetSnapshot> CreateAsync(CreatePresetCommand command);

    /// <summary>Deletes one of this owner's presets, and clears the default if it was the default.</summary>
    [Alias("Delete")]
    Task DeleteAsync(Guid presetId, long? expectedChangeSequence);

    /// <summary>Makes one of this owner's presets the default (replacing the previous one) and returns it.</summary>
    [Alias("SetDefault")]
    Task<PresetSnapshot> SetDefaultAsync(Guid presetId);

    /// <summary>The id of the owner's default preset, or null.</summary>
    [Alias("GetDefaultId"), ReadOnly]
    Task<Guid?> GetDefaultIdAsync();

    /// <summary>The owner's default preset, or null when there is none.</summary>
    [Alias("FindDefault"), ReadOnly]
    Task<PresetSnapshot?> FindDefaultAsync();

    /// <summary>One page of the owner's presets, newest first, optionally only those of one library.</summary>
    [Alias("List"), ReadOnly]
    Task<PresetPage> ListAsync(Guid? libraryId, int limit, string? startAfter, string? endBefore);
}
