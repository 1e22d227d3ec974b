using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;
using Roomcast.Stage;

namespace Roomcast.Grains.Tests.Stage;

/// <summary>A stage write that fails changes nothing the grain answers with, and announces nothing.</summary>
[Collection(StorageFailureCollection.Name)]
public sealed class StageStorageFailureTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ARefusedWriteLeavesTheStageAsStoredAndPublishesNoEvent()
    {
        var sessionId = Guid.NewGuid();
        var hostId = Guid.NewGuid();
        var stage = fixture.Client.GetGrain<ISessionStageGrain>(sessionId);
        var userId = Guid.NewGuid();
        await fixture.Client.GetGrain<ISessionAudienceGrain>(sessionId)
            .JoinAsync(new AudienceJoin(userId, "Viewer", AttendeeRole.Viewer, SessionState.Live, null));
        var context = new StageContext(SessionState.Live, HandRaiseEnabled: true, MaxStageParticipants: 3, hostId);
        var events = fixture.Client.GetGrain<ISessionEventsGrain>(sessionId);
        var marker = await events.PublishAsync(SessionEventDraft.Of("test.marker", new { }));

        fixture.Storage.Inject(stage, StorageFault.RefuseWrites);
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => stage.AddAsync(userId, StagePermissions.Default, hostId, context));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => stage.RaiseHandAsync(userId, context));
        }
        finally
        {
            fixture.Storage.Heal(stage);
        }

        Assert.Empty(await stage.GetMembersAsync());
        Assert.Empty(await stage.GetHandsAsync());
        await Assert.ThrowsAsync<RoomcastException>(() => stage.IssueTokenAsync(userId, "Viewer", hostId));
        Assert.Empty((await events.GetSinceAsync(marker.Id))!);
    }
}
