using Roomcast.Errors;
using Roomcast.Grains.Presets;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Libraries;
using Roomcast.Presets;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class PresetGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private static readonly SessionSettings Settings = new(true, false, true, false, 4, MaxViewers: 50);

    private static CreatePresetCommand Command(Guid owner, string name = "Preset") =>
        new(owner, DefaultLibrary.Id, name, Settings, MaxDurationSeconds: 300);

    private static SessionSettingsPatch NoSettings => new(null, null, null, null, null);

    private IPresetShelfGrain Shelf(Guid owner) => Grains.GetGrain<IPresetShelfGrain>(owner);

    private IPresetGrain Preset(Guid id) => Grains.GetGrain<IPresetGrain>(id);

    private async Task<IReadOnlyList<PresetSnapshot>> ListAsync(Guid owner) =>
        (await Shelf(owner).ListAsync(null, 100, null, null)).Items;

    [Fact]
    public async Task APresetIsCreatedReadUpdatedAndDeleted()
    {
        var owner = Guid.NewGuid();
        var created = await Shelf(owner).CreateAsync(Command(owner, "Town hall"));
        Assert.Equal((owner, "Town hall", Settings, 300, 1L), (created.OwnerId, created.Name, created.Settings, created.MaxDurationSeconds!.Value, created.ChangeSequence));
        Assert.Equal(created, await Preset(created.Id).GetAsync());

        var updated = await Preset(created.Id).UpdateAsync(
            new PresetPatch("Renamed", NoSettings with { MaxViewers = SessionSettingsPatch.NoViewerCap }, PresetPatch.DeploymentMaxDuration), 1);
        Assert.Equal(("Renamed", (int?)null, (int?)null, 2L), (updated.Name, updated.Settings.MaxViewers, updated.MaxDurationSeconds, updated.ChangeSequence));
        Assert.Equal(Settings.MaxStageParticipants, updated.Settings.MaxStageParticipants);

        await Assert.ThrowsAsync<RoomcastException>(() => Preset(created.Id).UpdateAsync(new PresetPatch("Stale", NoSettings, null), 1));

        await Shelf(owner).DeleteAsync(created.Id, 2);
        var gone = await Assert.ThrowsAsync<RoomcastException>(() => Preset(created.Id).GetAsync());
        Assert.Equal(ErrorKind.NotFound, gone.Kind);
        Assert.Empty(await ListAsync(owner));
        Assert.Null(await Preset(created.Id).FindAsync());
    }

    [Fact]
    public async Task TheShelfListsNewestFirstAndFiltersByLibrary()
    {
        var owner = Guid.NewGuid();
        var first = await Shelf(owner).CreateAsync(Command(owner, "First"));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var elsewhere = await Shelf(owner).CreateAsync(Command(owner, "Elsewhere") with { LibraryId = Guid.NewGuid() });
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var last = await Shelf(owner).CreateAsync(Command(owner, "Last"));

        Assert.Equal([last.Id, elsewhere.Id, first.Id], (await ListAsync(owner)).Select(p => p.Id));
        Assert.Equal([last.Id, first.Id], (await Shelf(owner).ListAsync(DefaultLibrary.Id, 10, null, null)).Items.Select(p => p.Id));

        var page = await Shelf(owner).ListAsync(null, 2, null, null);
        var rest = await Shelf(owner).ListAsync(null, 2, page.NextCursor, null);
        Assert.Equal([first.Id], rest.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task AnOwnerMayHoldOnlyTheirQuotaOfPresets()
    {
        var owner = Guid.NewGuid();
        var created = new List<PresetSnapshot>();
        for (var i = 0; i < ClusterFixture.PresetsPerOwner; i++)
        {
            created.Add(await Shelf(owner).CreateAsync(Command(owner)));
        }

        var error = await Assert.ThrowsAsync<RoomcastException>(() => Shelf(owner).CreateAsync(Command(owner)));
        Assert.Equal(("quota_exceeded", ErrorKind.Conflict), (error.Code, error.Kind));

        // Another owner is not affected; a deleted preset frees its place.
        var other = Guid.NewGuid();
        await Shelf(other).CreateAsync(Command(other));
        await Shelf(owner).DeleteAsync(created[0].Id, null);
        await Shelf(owner).CreateAsync(Command(owner));
    }

    [Fact]
    public async Task SwitchingTheDefaultLeavesExactlyOneAndDeletingItClearsIt()
    {
        var owner = Guid.NewGuid();
        var presets = new List<PresetSnapshot>();
        for (var i = 0; i < ClusterFixture.PresetsPerOwner; i++)
        {
            presets.Add(await Shelf(owner).CreateAsync(Command(owner)));
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Shelf(owner).SetDefaultAsync(presets[i % presets.Count].Id)));
        var defaultId = await Shelf(owner).GetDefaultIdAsync();
        Assert.Contains(presets, p => p.Id == defaultId);
        Assert.Equal(defaultId, (await Shelf(owner).FindDefaultAsync())?.Id);

        await Shelf(owner).SetDefaultAsync(presets[0].Id);
        Assert.Equal(presets[0].Id, await Shelf(owner).GetDefaultIdAsync());
        await Shelf(owner).DeleteAsync(presets[0].Id, null);
        Assert.Null(await Shelf(owner).GetDefaultIdAsync());
        Assert.Null(await Shelf(owner).FindDefaultAsync());

        // Another owner's preset cannot be made this owner's default, nor created on this owner's shelf.
        await Assert.ThrowsAsync<ArgumentException>(() => Shelf(owner).CreateAsync(Command(Guid.NewGuid())));
        var others = Guid.NewGuid();
        var theirs = await Shelf(others).CreateAsync(Command(others));
        var refused = await Assert.ThrowsAsync<RoomcastException>(() => Shelf(owner).SetDefaultAsync(theirs.Id));
        Assert.Equal(ErrorKind.NotFound, refused.Kind);
    }

    [Fact]
    public async Task AFailedPresetWriteLeavesThePresetAsStored()
    {
        var owner = Guid.NewGuid();
        var created = await Shelf(owner).CreateAsync(Command(owner, "Stored"));
        var preset = Preset(created.Id);
        fixture.Storage.Inject(preset, StorageFault.RefuseWrites);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => preset.UpdateAsync(new PresetPatch("Never stored", NoSettings, null), null));
        fixture.Storage.Heal(preset);

        var read = await preset.GetAsync();
        Assert.Equal(("Stored", 1L), (read.Name, read.ChangeSequence));
        Assert.Equal("Stored", (await fixture.ReadStoredAsync<PresetGrainState>("preset", preset)).Preset!.Name);
    }

    [Fact]
    public async Task AFailedShelfWriteLeavesTheDefaultAsItWas()
    {
        var owner = Guid.NewGuid();
        var first = await Shelf(owner).CreateAsync(Command(owner));
        var second = await Shelf(owner).CreateAsync(Command(owner));
        await Shelf(owner).SetDefaultAsync(first.Id);
        fixture.Storage.Inject(Shelf(owner), StorageFault.RefuseWrites);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Shelf(owner).SetDefaultAsync(second.Id));
        fixture.Storage.Heal(Shelf(owner));

        Assert.Equal(first.Id, await Shelf(owner).GetDefaultIdAsync());
        Assert.Equal(first.Id, (await fixture.ReadStoredAsync<PresetShelfGrainState>("preset-shelf", Shelf(owner))).DefaultId);
    }

    [Fact]
    public async Task AFailedShelfWriteOnCreateShelvesNothing()
    {
        var owner = Guid.NewGuid();
        var kept = await Shelf(owner).CreateAsync(Command(owner));
        fixture.Storage.Inject(Shelf(owner), StorageFault.RefuseWrites);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Shelf(owner).CreateAsync(Command(owner, "Orphan")));
        fixture.Storage.Heal(Shelf(owner));

        Assert.Equal([kept.Id], (await ListAsync(owner)).Select(p => p.Id));
    }

    [Fact]
    public async Task ADeleteThatFailedAfterThePresetWentIsFinishedByARetry()
    {
        var owner = Guid.NewGuid();
        var preset = await Shelf(owner).CreateAsync(Command(owner));
        await Shelf(owner).SetDefaultAsync(preset.Id);
        fixture.Storage.Inject(Shelf(owner), StorageFault.RefuseWrites);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Shelf(owner).DeleteAsync(preset.Id, null));
        fixture.Storage.Heal(Shelf(owner));

        // The preset is gone; the shelf still holds its id, which listings and the default skip.
        Assert.Null(await Preset(preset.Id).FindAsync());
        Assert.Empty(await ListAsync(owner));
        Assert.Null(await Shelf(owner).FindDefaultAsync());

        await Shelf(owner).DeleteAsync(preset.Id, null);
        Assert.Null(await Shelf(owner).GetDefaultIdAsync());
        Assert.Empty((await fixture.ReadStoredAsync<PresetShelfGrainState>("preset-shelf", Shelf(owner))).Entries);
        await Assert.ThrowsAsync<RoomcastException>(() => Shelf(owner).DeleteAsync(preset.Id, null));
    }
}
