using Roomcast.Errors;
using Roomcast.Grains.Sessions;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Identity;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

/// <summary>
/// The failure model's first rule: a write that fails leaves the activation as storage has it, and what leaves the
/// grain is an exception every caller can deserialize.
/// </summary>
[Collection(StorageFailureCollection.Name)]
public sealed class StorageFailureTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task ARefusedRenameLeavesTheSessionAsStored()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        fixture.Storage.Inject(grain, StorageFault.RefuseWrites);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.RenameAsync("Never stored", created.ChangeSequence));
        Assert.DoesNotContain("Injected", error.Message);

        fixture.Storage.Heal(grain);
        var read = await grain.GetAsync();
        Assert.Equal(created.Name, read.Name);
        Assert.Equal(created.ChangeSequence, read.ChangeSequence);
        Assert.Equal(created.Name, (await ReadStoredSessionAsync(grain)).Session!.Name);

        var renamed = await grain.RenameAsync("Stored", created.ChangeSequence);
        Assert.Equal(created.ChangeSequence + 1, renamed.ChangeSequence);
    }

    [Fact]
    public async Task AWriteWhoseAcknowledgementIsLostIsReadBackFromStorage()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        fixture.Storage.Inject(grain, StorageFault.LoseAcknowledgement);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.RenameAsync("Stored after all", created.ChangeSequence));
        fixture.Storage.Heal(grain);

        // The activation that could not know the outcome is gone; the next one reads what storage holds.
        var read = await grain.GetAsync();
        Assert.Equal("Stored after all", read.Name);
        Assert.Equal(created.ChangeSequence + 1, read.ChangeSequence);
    }

    [Fact]
    public async Task ARefusedStartLeavesTheSessionScheduledAndStartableLater()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        fixture.Storage.Inject(grain, StorageFault.RefuseWrites);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.StartAsync(created.ChangeSequence));
        fixture.Storage.Heal(grain);

        Assert.Equal(SessionState.Scheduled, (await grain.GetAsync()).State);
        Assert.Equal(SessionState.Live, (await grain.StartAsync(created.ChangeSequence)).State);
    }

    [Fact]
    public async Task ARefreshRetriedAfterAFailedRotationSucceeds()
    {
        var family = Grains.GetGrain<IRefreshTokenFamilyGrain>(Guid.NewGuid());
        await family.StartAsync(Guid.NewGuid(), Hash("s0"), TimeSpan.FromDays(1));
        fixture.Storage.Inject(family, StorageFault.RefuseWrites);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => family.RotateAsync(Hash("s0"), Hash("s1"), TimeSpan.Zero));
        fixture.Storage.Heal(family);

        // Not "reuse": the rotation that would have consumed s0 never happened.
        await family.RotateAsync(Hash("s0"), Hash("s1"), TimeSpan.Zero);
        await family.RotateAsync(Hash("s1"), Hash("s2"), TimeSpan.Zero);
    }

    [Fact]
    public async Task ARefreshWhoseRotationCommittedUnacknowledgedIsAnsweredAgainWithinTheGrace()
    {
        var family = Grains.GetGrain<IRefreshTokenFamilyGrain>(Guid.NewGuid());
        var userId = Guid.NewGuid();
        await family.StartAsync(userId, Hash("s0"), TimeSpan.FromDays(1));
        fixture.Storage.Inject(family, StorageFault.LoseAcknowledgement);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => family.RotateAsync(Hash("s0"), Hash("s1"), TimeSpan.FromSeconds(5)));
        fixture.Storage.Heal(family);

        var retried = await family.RotateAsync(Hash("s0"), Hash("s1"), TimeSpan.FromSeconds(5));
        Assert.Equal(userId, retried.UserId);
        await family.RotateAsync(Hash("s1"), Hash("s2"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AFailedRoomWriteLeavesTheRoomAsStored()
    {
        var room = Grains.GetGrain<Roomcast.Rooms.IRoomGrain>(Guid.NewGuid());
        var created = await room.CreateAsync(new Roomcast.Rooms.CreateRoomCommand(Guid.NewGuid(), "Stored title", null,
            Visibility.Public, Roomcast.Libraries.DefaultLibrary.Id));
        fixture.Storage.Inject(room, StorageFault.RefuseWrites);

        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            room.UpdateAsync(new Roomcast.Rooms.RoomPatch("Never stored", null, false, null), created.ChangeSequence));
        fixture.Storage.Heal(room);

        var read = await room.GetAsync();
        Assert.Equal("Stored title", read.Title);
        Assert.Equal(created.ChangeSequence, read.ChangeSequence);
    }

    [Fact]
    public async Task AStorageThatCannotBeReadFailsTheCallWithAnExceptionCallersCanRead()
    {
        var grain = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        fixture.Storage.Inject(grain, StorageFault.Unreachable);

        var error = await Assert.ThrowsAnyAsync<Exception>(grain.GetAsync);

        // Whatever Orleans wraps it in, the caller got it: no codec failure, no driver exception type.
        Assert.IsNotType<Orleans.Serialization.CodecNotFoundException>(error);
        fixture.Storage.Heal(grain);
    }

    private Task<SessionGrainState> ReadStoredSessionAsync(ISessionGrain grain) =>
        fixture.ReadStoredAsync<SessionGrainState>("session", grain);

    private static string Hash(string secret) => RefreshTokenFamilyGrainTests.Hash(secret);
}
