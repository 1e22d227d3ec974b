namespace Roomcast.Polls;

/// <summary>What a poll's vote rows add up to: votes per option (only options with votes) and the number of voters.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PollTally")]
public sealed record PollTally(
    [property: Id(0)] IReadOnlyList<PollOptionCount> Options,
    [property: Id(1)] int Voters)
{
    public static readonly PollTally Empty = new([], 0);

    public int VotesFor(string optionId) => Options.FirstOrDefault(o => o.OptionId == optionId)?.Votes ?? 0;
}
