using Roomcast.Polls;

namespace Roomcast.Grains.Tests.Polls;

/// <summary>
/// What every <see cref="IPollVoteLog"/> must do; one subclass per implementation. This file is also compiled into
/// Roomcast.Postgres.Tests, where <see cref="PollVoteLogFactAttribute"/> skips the facts without PostgreSQL.
/// </summary>
public abstract class PollVoteLogContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private IPollVoteLog? _log;

    protected IPollVoteLog Log => _log ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<IPollVoteLog> CreateLogAsync();

    public async Task InitializeAsync() => _log = await CreateLogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [PollVoteLogFact]
    public async Task An_unknown_poll_counts_nothing()
    {
        var tally = await Log.CountAsync(Guid.NewGuid());
        Assert.Empty(tally.Options);
        Assert.Equal(0, tally.Voters);
    }

    [PollVoteLogFact]
    public async Task Votes_are_counted_per_option_and_per_voter()
    {
        var poll = Guid.NewGuid();
        Assert.True(await Log.RecordAsync(poll, Guid.NewGuid(), ["o1", "o3"], T0));
        Assert.True(await Log.RecordAsync(poll, Guid.NewGuid(), ["o3"], T0.AddSeconds(1)));
        Assert.True(await Log.RecordAsync(poll, Guid.NewGuid(), ["o2"], T0.AddSeconds(2)));

        var tally = await Log.CountAsync(poll);

        Assert.Equal([new("o1", 1), new("o2", 1), new("o3", 2)], tally.Options);
        Assert.Equal(3, tally.Voters);
    }

    [PollVoteLogFact]
    public async Task A_second_vote_of_the_same_person_is_not_recorded_and_the_first_stands()
    {
        var poll = Guid.NewGuid();
        var user = Guid.NewGuid();
        Assert.True(await Log.RecordAsync(poll, user, ["o1"], T0));
        Assert.False(await Log.RecordAsync(poll, user, ["o2"], T0.AddSeconds(1)));
        Assert.False(await Log.RecordAsync(poll, user, ["o1"], T0));

        var tally = await Log.CountAsync(poll);
        Assert.Equal([new PollOptionCount("o1", 1)], tally.Options);
        Assert.Equal(1, tally.Voters);
    }

    [PollVoteLogFact]
    public async Task The_same_person_votes_once_in_each_poll()
    {
        var user = Guid.NewGuid();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.True(await Log.RecordAsync(a, user, ["o1"], T0));
        Assert.True(await Log.RecordAsync(b, user, ["o2"], T0));

        Assert.Equal(1, (await Log.CountAsync(a)).Voters);
        Assert.Equal([new PollOptionCount("o2", 1)], (await Log.CountAsync(b)).Options);
    }

    [PollVoteLogFact]
    public async Task Concurrent_votes_of_one_person_record_exactly_one()
    {
        var poll = Guid.NewGuid();
        var user = Guid.NewGuid();

        var recorded = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => Log.RecordAsync(poll, user, [$"o{i % 4 + 1}"], T0))));

        Assert.Single(recorded, r => r);
        Assert.Equal(1, (await Log.CountAsync(poll)).Voters);
    }

    [PollVoteLogFact]
    public async Task Concurrent_votes_of_many_people_are_all_counted()
    {
        var poll = Guid.NewGuid();

        var recorded = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() => Log.RecordAsync(poll, Guid.NewGuid(), [$"o{i % 3 + 1}"], T0))));

        Assert.All(recorded, Assert.True);
        var tally = await Log.CountAsync(poll);
        Assert.Equal(300, tally.Voters);
        Assert.All(tally.Options, o => Assert.Equal(100, o.Votes));
    }
}
