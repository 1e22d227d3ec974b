using Roomcast.Polls;

namespace Roomcast.Grains.Polls;

/// <summary>What a poll grain persists: the poll's definition and whether it is closed. The votes are rows of <see cref="IPollVoteLog"/>.</summary>
[GenerateSerializer, Alias("Roomcast.PollGrainState")]
public sealed record PollGrainState
{
    [Id(0)] public Guid SessionId { get; init; }

    /// <summary>Empty until the poll is created.</summary>
    [Id(1)] public string Question { get; init; } = "";

    [Id(2)] public IReadOnlyList<PollOption> Options { get; init; } = [];

    [Id(3)] public bool MultipleChoice { get; init; }

    [Id(4)] public bool Anonymous { get; init; }

    [Id(5)] public Guid CreatedBy { get; init; }

    [Id(6)] public DateTimeOffset CreatedAt { get; init; }

    [Id(7)] public DateTimeOffset? ClosedAt { get; init; }

    public bool Exists => Options.Count > 0;
}
