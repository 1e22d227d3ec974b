using System.Text.Json;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Polls;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Polls;

namespace Roomcast.Grains.Tests.Polls;

/// <summary>A poll's counts come from its vote log: they survive a re-activation, and so does the rule of one vote per person.</summary>
[Collection(PollsCollection.Name)]
public sealed class PollGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private async Task<(Guid SessionId, IPollGrain Poll)> NewPollAsync(bool multipleChoice = false)
    {
        var sessionId = Guid.NewGuid();
        var command = new CreatePollCommand(Guid.NewGuid(), sessionId, "Which one?", ["Red", "Green", "Blue"], multipleChoice, Anonymous: false, Guid.NewGuid());
        var created = await Grains.GetGrain<ISessionPollsGrain>(sessionId).CreateAsync(command);
        return (sessionId, Grains.GetGrain<IPollGrain>(created.PollId));
    }

    private static async Task<RoomcastException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<RoomcastException>(call);

    [Fact]
    public async Task CountsSurviveADeactivationAndAPersonWhoVotedBeforeItIsStillRefused()
    {
        var (sessionId, poll) = await NewPollAsync(multipleChoice: true);
        var first = Guid.NewGuid();
        await poll.VoteAsync(new PollBallot(sessionId, first, ["o1", "o3"]));
        await poll.VoteAsync(new PollBallot(sessionId, Guid.NewGuid(), ["o3"]));
        await poll.VoteAsync(new PollBallot(sessionId, Guid.NewGuid(), ["o2"]));

        await fixture.Cluster.DeactivateAsync(poll);
        var reread = await poll.GetAsync();

        Assert.Equal([new("o1", 1), new("o2", 1), new("o3", 2)], reread.Tally.Options);
        Assert.Equal(3, reread.Tally.Voters);
        Assert.Equal(["Red", "Green", "Blue"], reread.Options.Select(o => o.Text));
        Assert.Equal("already_voted", (await RefusedAsync(() => poll.VoteAsync(new PollBallot(sessionId, first, ["o2"])))).Code);
        Assert.Equal(3, (await poll.GetAsync()).Tally.Voters);
    }

    [Fact]
    public async Task AClosedPollRefusesVotesBeforeAndAfterADeactivation()
    {
        var (sessionId, poll) = await NewPollAsync();
        await poll.VoteAsync(new PollBallot(sessionId, Guid.NewGuid(), ["o2"]));

        var closed = await poll.CloseAsync(sessionId);
        Assert.True(closed.Closed);
        Assert.Equal("poll_closed", (await RefusedAsync(() => poll.VoteAsync(new PollBallot(sessionId, Guid.NewGuid(), ["o1"])))).Code);

        await fixture.Cluster.DeactivateAsync(poll);
        var reread = await poll.GetAsync();
        Assert.Equal((closed.ClosedAt, 1), (reread.ClosedAt, reread.Tally.Voters));
        Assert.Equal("poll_closed", (await RefusedAsync(() => poll.VoteAsync(new PollBallot(sessionId, Guid.NewGuid(), ["o1"])))).Code);
    }

    [Fact]
    public async Task UnknownPollsAndPollsOfAnotherSessionAreNotFound()
    {
        var (_, poll) = await NewPollAsync();
        var unknown = Grains.GetGrain<IPollGrain>(Guid.NewGuid());

        Assert.Equal(ErrorKind.NotFound, (await RefusedAsync(unknown.GetAsync)).Kind);
        Assert.Equal(ErrorKind.NotFound, (await RefusedAsync(() => unknown.CloseAsync(Guid.NewGuid()))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await RefusedAsync(() => poll.VoteAsync(new PollBallot(Guid.NewGuid(), Guid.NewGuid(), ["o1"])))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await RefusedAsync(() => poll.CloseAsync(Guid.NewGuid()))).Kind);
        Assert.False((await poll.GetAsync()).Closed);
    }

    [Fact]
    public async Task TheSessionIndexListsPollsInOrderAndARepeatedCreationIsOnePoll()
    {
        var sessionId = Guid.NewGuid();
        var index = Grains.GetGrain<ISessionPollsGrain>(sessionId);
        var command = new CreatePollCommand(Guid.NewGuid(), sessionId, "Again?", ["Yes", "No"], false, false, Guid.NewGuid());

        var first = await index.CreateAsync(command);
        var repeat = await index.CreateAsync(command);
        var second = await index.CreateAsync(command with { PollId = Guid.NewGuid() });

        Assert.Equal((first.PollId, first.CreatedAt), (repeat.PollId, repeat.CreatedAt));
        Assert.Equal([first.PollId, second.PollId], (await index.ListAsync()).Select(e => e.PollId));
    }

    [Fact]
    public async Task VotesArePublishedAsOneCoalescedEventPerIntervalAfterTheCreation()
    {
        var (sessionId, poll) = await NewPollAsync();
        var events = Grains.GetGrain<ISessionEventsGrain>(sessionId);
        var marker = await events.PublishAsync(SessionEventDraft.Of("test.marker", new { }));

        for (var i = 0; i < 20; i++)
        {
            await poll.VoteAsync(new PollBallot(sessionId, Guid.NewGuid(), [$"o{i % 3 + 1}"]));
        }

        await fixture.Clock.AdvanceToAsync(fixture.Clock.GetUtcNow() + PollGrain.VotedEventInterval, TimeSpan.FromMilliseconds(50));
        var published = await Eventually.Of(() => events.GetSinceAsync(marker.Id), since => since is { Count: > 0 },
            TimeSpan.FromSeconds(10), "the coalesced poll.voted event");

        var voted = Assert.Single(published!);
        Assert.Equal(SessionEventTypes.PollVoted, voted.Type);
        using var data = JsonDocument.Parse(voted.Data);
        Assert.Equal(20, data.RootElement.GetProperty("total_voters").GetInt32());
        Assert.Equal([7, 7, 6], data.RootElement.GetProperty("counts").EnumerateArray().Select(c => c.GetProperty("votes").GetInt32()));

        await poll.CloseAsync(sessionId);
        var closed = Assert.Single((await events.GetSinceAsync(voted.Id))!);
        Assert.Equal(SessionEventTypes.PollClosed, closed.Type);
    }

    [Fact]
    public async Task ACreatedPollIsPublishedWithItsOptionsAfterItIsListed()
    {
        var sessionId = Guid.NewGuid();
        var events = Grains.GetGrain<ISessionEventsGrain>(sessionId);
        var marker = await events.PublishAsync(SessionEventDraft.Of("test.marker", new { }));

        var created = await Grains.GetGrain<ISessionPollsGrain>(sessionId)
            .CreateAsync(new CreatePollCommand(Guid.NewGuid(), sessionId, "Tea or coffee?", ["Tea", "Coffee"], false, true, Guid.NewGuid()));

        var published = Assert.Single((await events.GetSinceAsync(marker.Id))!);
        Assert.Equal(SessionEventTypes.PollCreated, published.Type);
        using var data = JsonDocument.Parse(published.Data);
        Assert.Equal(created.PollId, data.RootElement.GetProperty("poll_id").GetGuid());
        Assert.Equal(["o1", "o2"], data.RootElement.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.True(data.RootElement.GetProperty("anonymous").GetBoolean());
    }

    [Fact]
    public async Task AnIndexWriteThatFailsListsNothingAndPublishesNothing()
    {
        var sessionId = Guid.NewGuid();
        var index = Grains.GetGrain<ISessionPollsGrain>(sessionId);
        var events = Grains.GetGrain<ISessionEventsGrain>(sessionId);
        var marker = await events.PublishAsync(SessionEventDraft.Of("test.marker", new { }));
        var command = new CreatePollCommand(Guid.NewGuid(), sessionId, "Lost?", ["Yes", "No"], false, false, Guid.NewGuid());

        fixture.Storage.Inject(index, StorageFault.RefuseWrites);
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => index.CreateAsync(command));
        }
        finally
        {
            fixture.Storage.Heal(index);
        }

        Assert.Empty(await index.ListAsync());
        Assert.Empty((await events.GetSinceAsync(marker.Id))!);

        // The retry the 503 asks for lists the poll once.
        await index.CreateAsync(command);
        Assert.Equal([command.PollId], (await index.ListAsync()).Select(e => e.PollId));
    }
}
