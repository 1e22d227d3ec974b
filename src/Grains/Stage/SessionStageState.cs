using Roomcast.Stage;

namespace Roomcast.Grains.Stage;

/// <summary>What a session's stage grain persists: raised hands, requests (pending and a bounded history) and the stage.</summary>
[GenerateSerializer, Alias("Roomcast.SessionStageState")]
public sealed record SessionStageState
{
    [Id(0)] public IReadOnlyList<StageHand> Hands { get; init; } = [];

    [Id(1)] public IReadOnlyList<StageRequest> Requests { get; init; } = [];

    [Id(2)] public IReadOnlyList<StageMember> Members { get; init; } = [];
}
