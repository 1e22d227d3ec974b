namespace Roomcast.Sessions;

/// <summary>Configuration fixed when the session is created (seed 000's <c>config</c>).</summary>
/// <param name="MaxDurationSeconds">How long the session may stay live before it is ended with <c>max_duration</c>.</param>
/// <param name="RemoveMedia">Whether recordings are deleted once their retention ends.</param>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionConfig")]
public sealed record SessionConfig(
    [property: Id(0)] int MaxDurationSeconds,
    [property: Id(1)] bool RemoveMedia);
