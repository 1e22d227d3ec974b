namespace Roomcast.Chat;

/// <summary>One message of a session's chat; <see cref="Sequence"/> is its place in the session's one total order (1, 2, 3, ...).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] Guid UserId,
    [property: Id(4)] string DisplayName,
    [property: Id(5)] string Text,
    [property: Id(6)] DateTimeOffset SentAt);
