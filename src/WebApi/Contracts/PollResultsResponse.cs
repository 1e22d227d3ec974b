using Roomcast.Polls;

namespace Roomcast.WebApi.Contracts;

/// <summary>A poll's results: exact counts per answer and the number of voters; never who voted what.</summary>
public sealed record PollResultsResponse(Guid PollId, IReadOnlyList<PollOptionResponse> Options, int TotalVoters, bool Closed, DateTimeOffset? ClosedAt)
{
    public static PollResultsResponse From(PollSnapshot poll) =>
        new(poll.PollId, PollResponse.OptionsOf(poll), poll.Tally.Voters, poll.Closed, poll.ClosedAt);
}
