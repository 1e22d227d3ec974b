namespace Roomcast.Polls;

/// <summary>One person's choice in a poll: one option id, or several distinct ones in a multiple-choice poll.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PollBallot")]
public sealed record PollBallot(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] IReadOnlyList<string> OptionIds);
