namespace Roomcast.Polls;

/// <summary>A validated poll to create in a session, with the id the API chose for it.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.CreatePollCommand")]
public sealed record CreatePollCommand(
    [property: Id(0)] Guid PollId,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] string Question,
    [property: Id(3)] IReadOnlyList<string> Options,
    [property: Id(4)] bool MultipleChoice,
    [property: Id(5)] bool Anonymous,
    [property: Id(6)] Guid CreatedBy);
