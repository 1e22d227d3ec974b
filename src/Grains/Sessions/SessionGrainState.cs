using Roomcast.Sessions;

namespace Roomcast.Grains.Sessions;

/// <summary>What a session grain persists: the session itself, or nothing before it is created.</summary>
[GenerateSerializer, Alias("Roomcast.SessionGrainState")]
public sealed record SessionGrainState
{
    [Id(0)] public SessionSnapshot? Session { get; init; }

    /// <summary>While set and in the future, the session's room is being deleted and the session may not go live.</summary>
    [Id(1)] public DateTimeOffset? DeletionReservedUntil { get; init; }
}
