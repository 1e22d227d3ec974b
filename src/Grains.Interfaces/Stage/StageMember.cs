namespace Roomcast.Stage;

/// <summary>Someone on the stage (the host is always on it and never listed) and what they may publish.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StageMember")]
public sealed record StageMember(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] StagePermissions Permissions,
    [property: Id(2)] DateTimeOffset AddedAt);
