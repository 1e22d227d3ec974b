namespace Roomcast.Stage;

/// <summary>A host's answer to a raised hand or a request: who decided, and what an approval grants.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StageDecision")]
public sealed record StageDecision(
    [property: Id(0)] Guid DecidedBy,
    [property: Id(1)] bool Approve,
    [property: Id(2)] StagePermissions Grant,
    [property: Id(3)] StageContext Context);
