namespace Roomcast.Stage;

/// <summary>A request to join the stage, with an optional message for the host, and how it was decided.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StageRequest")]
public sealed record StageRequest(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] string? Message,
    [property: Id(3)] StageRequestStatus Status,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] Guid? DecidedBy = null,
    [property: Id(6)] DateTimeOffset? DecidedAt = null);
