using System.Collections.Concurrent;
using Roomcast.Polls;

namespace Roomcast.Grains.Polls;

/// <summary>The dev-mode vote log: one process, lost on restart. Each poll's rows have a lock of their own.</summary>
public sealed class InMemoryPollVoteLog : IPollVoteLog
{
    private readonly ConcurrentDictionary<Guid, PollRows> _polls = new();

    public Task<bool> RecordAsync(Guid pollId, Guid userId, IReadOnlyList<string> optionIds, DateTimeOffset at)
    {
        var poll = _polls.GetOrAdd(pollId, _ => new PollRows());
        lock (poll.Gate)
        {
            return Task.FromResult(poll.Votes.TryAdd(userId, [.. optionIds]));
        }
    }

    public Task<PollTally> CountAsync(Guid pollId)
    {
        if (!_polls.TryGetValue(pollId, out var poll))
        {
            return Task.FromResult(PollTally.Empty);
        }

        lock (poll.Gate)
        {
            var counts = poll.Votes.Values
                .SelectMany(ids => ids)
                .GroupBy(id => id, StringComparer.Ordinal)
                .Select(g => new PollOptionCount(g.Key, g.Count()))
                .OrderBy(c => c.OptionId, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(new PollTally(counts, poll.Votes.Count));
        }
    }

    private sealed class PollRows
    {
        public Lock Gate { get; } = new();

        public Dictionary<Guid, string[]> Votes { get; } = [];
    }
}
