namespace Roomcast.Stage;

/// <summary>A LiveKit token that publishes exactly what the stage member may, and those permissions.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StageAdmission")]
public sealed record StageAdmission(
    [property: Id(0)] string Token,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] string Url,
    [property: Id(3)] string Room,
    [property: Id(4)] string Identity,
    [property: Id(5)] StagePermissions Permissions,
    [property: Id(6)] IReadOnlyList<string> Sources);
