namespace Roomcast.Polls;

/// <summary>A poll as it stands: its definition, its counts (exact, from the vote log) and whether it is closed.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PollSnapshot")]
public sealed record PollSnapshot(
    [property: Id(0)] Guid PollId,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] string Question,
    [property: Id(3)] IReadOnlyList<PollOption> Options,
    [property: Id(4)] bool MultipleChoice,
    [property: Id(5)] bool Anonymous,
    [property: Id(6)] Guid CreatedBy,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? ClosedAt,
    [property: Id(9)] PollTally Tally)
{
    public bool Closed => ClosedAt is not null;
}
