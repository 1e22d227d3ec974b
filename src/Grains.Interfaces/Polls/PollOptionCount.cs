namespace Roomcast.Polls;

/// <summary>How many voters chose one option.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PollOptionCount")]
public sealed record PollOptionCount(
    [property: Id(0)] string OptionId,
    [property: Id(1)] int Votes);
