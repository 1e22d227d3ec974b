namespace Roomcast.Polls;

/// <summary>A poll in its session's index: its id and when it was created (the listing's order).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PollEntry")]
public sealed record PollEntry(
    [property: Id(0)] Guid PollId,
    [property: Id(1)] DateTimeOffset CreatedAt);
