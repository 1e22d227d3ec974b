namespace Roomcast.Sessions;

/// <summary>System-maintained state of a session; read-only for clients.</summary>
/// <param name="Expires">The next deadline: when a scheduled session expires or a live one reaches its maximum duration.</param>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionMeta")]
public sealed record SessionMeta(
    [property: Id(0)] DateTimeOffset? Expires,
    [property: Id(1)] HealthCheck HealthCheck,
    [property: Id(2)] WorkerState WorkerState);
