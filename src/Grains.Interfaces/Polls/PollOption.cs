namespace Roomcast.Polls;

/// <summary>One answer of a poll: the id the server gave it (<c>o1</c>..<c>o10</c>, in the order asked) and its text.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PollOption")]
public sealed record PollOption(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text);
