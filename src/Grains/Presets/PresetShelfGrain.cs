using Microsoft.Extensions.Options;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Catalog;
using Roomcast.Grains.Quotas;
using Roomcast.Presets;

namespace Roomcast.Grains.Presets;

/// <summary>
/// One owner's presets: the ids in creation order and the default. Not reentrant, so the quota check, the
/// default switch and the removal of a default each see the shelf as no other call leaves it half-way.
/// </summary>
public sealed class PresetShelfGrain(
    [PersistentState("preset-shelf", GrainStorage.Name)] IPersistentState<PresetShelfGrainState> state,
    IOptions<QuotaOptions> quotas) : Grain, IPresetShelfGrain
{
    public async Task<PresetSnapshot> CreateAsync(CreatePresetCommand command)
    {
        if (command.OwnerId != this.GetPrimaryKey())
        {
            throw new ArgumentException("A shelf creates presets of its own owner only.", nameof(command));
        }

        var entries = await EntriesWithinQuotaAsync();

        // Created before it is shelved: if the shelf's write below fails, the preset is an orphan whose id nobody
        // was given (the caller gets the error), so it is never listed, never a default, and costs only its row.
        var preset = await GrainFactory.GetGrain<IPresetGrain>(Guid.NewGuid()).CreateAsync(command);
        await state.WriteOrRevertAsync(state.State with
        {
            Entries = [.. entries, new PresetShelfEntry(preset.Id, preset.CreatedOn, preset.LibraryId)],
        }, this);
        return preset;
    }

    public async Task DeleteAsync(Guid presetId, long? expectedChangeSequence)
    {
        if (!IsShelved(presetId))
        {
            throw RoomcastException.NotFound("Preset");
        }

        // The preset goes first: a failure after it leaves an id on the shelf whose preset is gone, which listings and
        // the default skip, and which the owner's retry of the delete (or the quota check) clears.
        try
        {
            await GrainFactory.GetGrain<IPresetGrain>(presetId).DeleteAsync(expectedChangeSequence);
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            // Deleted by an earlier attempt whose shelf write failed; finish the job.
        }

        await state.WriteOrRevertAsync(Without(state.State, new HashSet<Guid> { presetId }), this);
    }

    public async Task<PresetSnapshot> SetDefaultAsync(Guid presetId)
    {
        var preset = IsShelved(presetId) ? await GrainFactory.GetGrain<IPresetGrain>(presetId).FindAsync() : null;
        if (preset is null)
        {
            throw RoomcastException.NotFound("Preset");
        }

        if (state.State.DefaultId != presetId)
        {
            await state.WriteOrRevertAsync(state.State with { DefaultId = presetId }, this);
        }

        return preset;
    }

    public Task<Guid?> GetDefaultIdAsync() => Task.FromResult(state.State.DefaultId);

    public async Task<PresetSnapshot?> FindDefaultAsync() =>
        state.State.DefaultId is { } id ? await GrainFactory.GetGrain<IPresetGrain>(id).FindAsync() : null;

    public async Task<PresetPage> ListAsync(Guid? libraryId, int limit, string? startAfter, string? endBefore)
    {
        var entries = state.State.Entries.Where(e => libraryId is null || e.LibraryId == libraryId);
        var page = KeysetPager.Paginate(entries, e => new CatalogCursor(e.CreatedOn, e.Id),
            new PageRequest(Math.Clamp(limit, 1, PageRequest.MaxLimit), startAfter, endBefore));
        var presets = await Task.WhenAll(page.Items.Select(e => GrainFactory.GetGrain<IPresetGrain>(e.Id).FindAsync()));
        return new PresetPage(presets.OfType<PresetSnapshot>().ToList(), state.State.DefaultId, page.NextCursor, page.PreviousCursor);
    }

    /// <summary>
    /// The entries, once it is sure there is room for one more. At the limit, ids whose preset is gone (a delete
    /// that failed half-way) are dropped first, so they never hold a place forever.
    /// </summary>
    private async Task<IReadOnlyList<PresetShelfEntry>> EntriesWithinQuotaAsync()
    {
        var limit = quotas.Value.PresetsPerOwner;
        var entries = state.State.Entries;
        if (entries.Count < limit)
        {
            return entries;
        }

        var found = await Task.WhenAll(entries.Select(e => GrainFactory.GetGrain<IPresetGrain>(e.Id).FindAsync()));
        var gone = entries.Where((_, i) => found[i] is null).Select(e => e.Id).ToHashSet();
        if (entries.Count - gone.Count >= limit)
        {
            throw QuotaErrors.Exceeded("presets", limit, "delete one first");
        }

        await state.WriteOrRevertAsync(Without(state.State, gone), this);
        return state.State.Entries;
    }

    private bool IsShelved(Guid presetId) => state.State.Entries.Any(e => e.Id == presetId);

    private static PresetShelfGrainState Without(PresetShelfGrainState shelf, IReadOnlySet<Guid> ids) => shelf with
    {
        Entries = [.. shelf.Entries.Where(e => !ids.Contains(e.Id))],
        DefaultId = shelf.DefaultId is { } id && ids.Contains(id) ? null : shelf.DefaultId,
    };
}
