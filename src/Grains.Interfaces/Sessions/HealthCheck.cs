namespace Roomcast.Sessions;

/// <summary>The latest health check of a session (seed 000's <c>meta.healthCheck</c>).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.HealthCheck")]
public sealed record HealthCheck(
    [property: Id(0)] HealthStatus Status,
    [property: Id(1)] DateTimeOffset? LastCheckAt,
    [property: Id(2)] DateTimeOffset? LastHostSignalAt,
    [property: Id(3)] string? Reason)
{
    public static HealthCheck Idle { get; } = new(HealthStatus.Idle, null, null, null);
}
