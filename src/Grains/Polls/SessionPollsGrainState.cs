using Roomcast.Polls;

namespace Roomcast.Grains.Polls;

/// <summary>What a session's poll index persists: its polls in creation order (at most <see cref="SessionPollsGrain.MaxPolls"/>).</summary>
[GenerateSerializer, Alias("Roomcast.SessionPollsGrainState")]
public sealed record SessionPollsGrainState
{
    [Id(0)] public IReadOnlyList<PollEntry> Polls { get; init; } = [];
}
