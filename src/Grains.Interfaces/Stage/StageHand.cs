namespace Roomcast.Stage;

/// <summary>A raised hand, waiting for the host.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StageHand")]
public sealed record StageHand(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] DateTimeOffset RaisedAt);
