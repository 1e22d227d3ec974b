using Roomcast.Errors;
using Roomcast.Presets;

namespace Roomcast.Grains.Presets;

/// <summary>One preset: named session settings of one owner.</summary>
public sealed class PresetGrain(
    [PersistentState("preset", GrainStorage.Name)] IPersistentState<PresetGrainState> state,
    TimeProvider clock) : Grain, IPresetGrain
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    public async Task<PresetSnapshot> CreateAsync(CreatePresetCommand command)
    {
        if (state.State.Preset is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The preset already exists.");
        }

        var now = clock.GetUtcNow();
        var preset = new PresetSnapshot(this.GetPrimaryKey(), command.OwnerId, command.LibraryId, command.Name,
            command.Settings, command.MaxDurationSeconds, ChangeSequence: 1, now, now);
        await state.WriteOrRevertAsync(state.State with { Preset = preset }, this);
        return preset;
    }

    public Task<PresetSnapshot> GetAsync() => Task.FromResult(Existing());

    public Task<PresetSnapshot?> FindAsync()
    {
        if (state.State.Preset is null)
        {
            _emptyRetirement.Schedule(this);
        }

        return Task.FromResult(state.State.Preset);
    }

    public async Task<PresetSnapshot> UpdateAsync(PresetPatch patch, long? expectedChangeSequence)
    {
        var current = Existing();
        CheckChangeSequence(current, expectedChangeSequence);
        var updated = patch.ApplyTo(current) with { ChangeSequence = current.ChangeSequence + 1, UpdatedOn = clock.GetUtcNow() };
        await state.WriteOrRevertAsync(state.State with { Preset = updated }, this);
        return updated;
    }

    public async Task DeleteAsync(long? expectedChangeSequence)
    {
        CheckChangeSequence(Existing(), expectedChangeSequence);
        await state.ClearOrKeepAsync(this);
        DeactivateOnIdle();
    }

    private static void CheckChangeSequence(PresetSnapshot preset, long? expected)
    {
        if (expected is { } value && value != preset.ChangeSequence)
        {
            throw RoomcastException.StaleChangeSequence(value, preset.ChangeSequence);
        }
    }

    private PresetSnapshot Existing()
    {
        if (state.State.Preset is { } preset)
        {
            return preset;
        }

        // A lookup of a preset that does not exist leaves no activation behind.
        _emptyRetirement.Schedule(this);
        throw RoomcastException.NotFound("Preset");
    }
}
