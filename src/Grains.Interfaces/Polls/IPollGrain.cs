using Orleans.Concurrency;

namespace Roomcast.Polls;

/// <summary>
/// One poll (key = poll id): its definition and state in grain state, its votes as rows of <see cref="IPollVoteLog"/>.
/// The counts are held in memory, read back from the log on activation, and published as <c>poll.voted</c> events at
/// most a few times a second however fast the votes come.
/// </summary>
[Alias("Roomcast.IPollGrain")]
public interface IPollGrain : IGrainWithGuidKey
{
    /// <summary>Creates the poll (a repeat with the same id returns it unchanged); called by the session's poll index.</summary>
    [Alias("Create")]
    Task<PollSnapshot> CreateAsync(CreatePollCommand command, DateTimeOffset createdAt);

    /// <summary>The poll with its counts; not-found when it was never created.</summary>
    [Alias("Get"), ReadOnly]
    Task<PollSnapshot> GetAsync();

    /// <summary>
    /// Records one person's vote: exactly once per person (already_voted otherwise), never on a closed poll
    /// (poll_closed), with option ids of this poll (one, or 1..n distinct when multiple choice).
    /// </summary>
    [Alias("Vote")]
    Task<PollSnapshot> VoteAsync(PollBallot ballot);

    /// <summary>Closes the poll (idempotent) and returns its final counts; not-found unless it is a poll of <paramref name="sessionId"/>.</summary>
    [Alias("Close")]
    Task<PollSnapshot> CloseAsync(Guid sessionId);
}
