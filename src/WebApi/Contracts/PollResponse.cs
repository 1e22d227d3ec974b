using Roomcast.Polls;

namespace Roomcast.WebApi.Contracts;

/// <summary>A poll, its answers with their counts, and whether it is closed.</summary>
/// <param name="Anonymous">Voters are never listed; results are counts only.</param>
/// <param name="TotalVoters">People who voted (in a multiple-choice poll, the answers' votes add up to more).</param>
public sealed record PollResponse(
    Guid Id,
    Guid SessionId,
    string Question,
    IReadOnlyList<PollOptionResponse> Options,
    bool MultipleChoice,
    bool Anonymous,
    bool Closed,
    Guid CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    int TotalVoters)
{
    public static PollResponse From(PollSnapshot poll) => new(
        poll.PollId, poll.SessionId, poll.Question, OptionsOf(poll), poll.MultipleChoice, poll.Anonymous, poll.Closed,
        poll.CreatedBy, poll.CreatedAt, poll.ClosedAt, poll.Tally.Voters);

    public static IReadOnlyList<PollOptionResponse> OptionsOf(PollSnapshot poll) =>
        poll.Options.Select(o => new PollOptionResponse(o.Id, o.Text, poll.Tally.VotesFor(o.Id))).ToList();
}
