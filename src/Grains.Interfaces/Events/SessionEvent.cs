namespace Roomcast.Events;

/// <summary>An event of a session's stream: the hub's id (SSE <c>id:</c>), the time it was published, and the draft's content.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionEvent")]
public sealed record SessionEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Data,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] Guid? Subject);
