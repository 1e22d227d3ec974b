namespace Roomcast.Polls;

/// <summary>
/// One person's choice in a poll of <see cref="SessionId"/> (the session the request named: a poll of another session
/// is not found): one option id, or several distinct ones in a multiple-choice poll.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PollBallot")]
public sealed record PollBallot(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] IReadOnlyList<string> OptionIds);
