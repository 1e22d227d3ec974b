using Orleans.Concurrency;

namespace Roomcast.Presets;

/// <summary>
/// One preset (key = preset id). Created and deleted through its owner's <see cref="IPresetShelfGrain"/>, which
/// keeps the list and the default; read and changed here.
/// </summary>
[Alias("Roomcast.IPresetGrain")]
public interface IPresetGrain : IGrainWithGuidKey
{
    /// <summary>Creates the preset; a second call on the same key is a conflict. Called by the owner's shelf.</summary>
    [Alias("Create")]
    Task<PresetSnapshot> CreateAsync(CreatePresetCommand command);

    /// <summary>Returns the preset, or throws not-found when it does not exist.</summary>
    [Alias("Get"), ReadOnly]
    Task<PresetSnapshot> GetAsync();

    /// <summary>Returns the preset, or null when it does not exist.</summary>
    [Alias("Find"), ReadOnly]
    Task<PresetSnapshot?> FindAsync();

    /// <summary>Applies a partial change, guarded by the expected change sequence when one is given.</summary>
    [Alias("Update")]
    Task<PresetSnapshot> UpdateAsync(PresetPatch patch, long? expectedChangeSequence);

    /// <summary>Deletes the preset; throws not-found when it does not exist. Called by the owner's shelf.</summary>
    [Alias("Delete")]
    Task DeleteAsync(long? expectedChangeSequence);
}
