using Roomcast.Errors;
using Roomcast.Grains.Sessions;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class SessionParticipantTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task ParticipantsSurviveDeactivationAndEachChangeBumpsTheChangeSequence()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        var (coHost, moderator) = (Guid.NewGuid(), Guid.NewGuid());

        await grain.AddParticipantAsync(coHost, SessionRole.CoHost, created.ChangeSequence);
        var updated = await grain.AddParticipantAsync(moderator, SessionRole.Moderator, null);
        await fixture.Cluster.DeactivateAsync(grain);
        var read = await grain.GetAsync();

        Assert.Equal(created.ChangeSequence + 2, updated.ChangeSequence);
        Assert.Equal([(coHost, SessionRole.CoHost), (moderator, SessionRole.Moderator)], read.Participants.Select(p => (p.UserId, p.Role)));
    }

    [Fact]
    public async Task HostMediaSourcesSurviveDeactivation()
    {
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        await grain.ChangeHostMediaAsync(new MediaStateChange(MediaKind.Video, true, "cam-1", "Front"));
        await grain.ChangeHostMediaAsync(new MediaStateChange(MediaKind.Audio, false, null, null));
        await fixture.Cluster.DeactivateAsync(grain);

        var read = await grain.GetAsync();

        Assert.Equal([(MediaKind.Video, "cam-1"), (MediaKind.Audio, "local_microphone")], read.Sources.Select(s => (s.Type, s.Device)));
    }

    [Fact]
    public async Task TheHostCannotTakeARoleAndRemovingAnAbsentOneIsNotFound()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));

        var hostError = await Assert.ThrowsAsync<RoomcastException>(() => grain.AddParticipantAsync(created.HostId, SessionRole.CoHost, null));
        var absentError = await Assert.ThrowsAsync<RoomcastException>(() => grain.RemoveParticipantAsync(Guid.NewGuid(), SessionRole.Moderator, null));

        Assert.Equal(ErrorKind.Validation, hostError.Kind);
        Assert.Equal(ErrorKind.NotFound, absentError.Kind);
        Assert.Equal(created.ChangeSequence, (await grain.GetAsync()).ChangeSequence);
    }

    [Fact]
    public async Task ASessionHoldsAtMostTheMaximumNumberOfParticipants()
    {
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        for (var i = 0; i < SessionGrain.MaxParticipants; i++)
        {
            await grain.AddParticipantAsync(Guid.NewGuid(), SessionRole.Moderator, null);
        }

        var error = await Assert.ThrowsAsync<RoomcastException>(() => grain.AddParticipantAsync(Guid.NewGuid(), SessionRole.CoHost, null));

        Assert.Equal("too_many_participants", error.Code);
    }
}
