namespace Roomcast.Polls;

/// <summary>
/// The votes of polls, one row per voter per poll, kept out of grain state because a poll can gather tens of
/// thousands: PostgreSQL rows in cluster mode, memory in dev mode. The row is the truth of "one vote per person":
/// <see cref="RecordAsync"/> inserts only when the person has no row yet, so a concurrent, retried or replayed vote
/// is never counted twice. The poll grain writes; it reads the counts back on activation. Voter ids are kept for
/// that rule only and are never served. Failures surface as <c>StorageUnavailableException</c>.
/// </summary>
public interface IPollVoteLog
{
    /// <summary>Stores the vote unless the person already voted in the poll; true when this call stored it.</summary>
    Task<bool> RecordAsync(Guid pollId, Guid userId, IReadOnlyList<string> optionIds, DateTimeOffset at);

    /// <summary>Votes per option and the number of voters of the poll.</summary>
    Task<PollTally> CountAsync(Guid pollId);
}
