using Roomcast.Sessions;

namespace Roomcast.Chat;

/// <summary>
/// A person sending a message, with what the API read about the session when it authorized them: the grain refuses
/// against these, the audience's bans and presence, and its own rate limit.
/// </summary>
/// <param name="Text">Already validated and trimmed by the API.</param>
/// <param name="MayChatWithoutJoining">The session's staff (host, co-hosts, moderators) chat without joining.</param>
[GenerateSerializer, Immutable, Alias("Roomcast.ChatSend")]
public sealed record ChatSend(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Text,
    [property: Id(3)] bool MayChatWithoutJoining,
    [property: Id(4)] SessionState SessionState,
    [property: Id(5)] bool ChatEnabled);
