using Roomcast.Errors;

namespace Roomcast.Grains.Chat;

/// <summary>The refusals of chat beyond those of the audience (bans, a session not live), each with its own code.</summary>
public static class ChatErrors
{
    public static RoomcastException Disabled() =>
        new(ErrorKind.Conflict, "chat_disabled", "Chat is turned off in this session's settings.");

    public static RoomcastException NotJoined() =>
        new(ErrorKind.Forbidden, "not_joined", "Join the session before chatting in it.");

    public static RoomcastException NotAuthor() =>
        RoomcastException.Forbidden("Only the author of a message, or the session's moderators, co-hosts and host, may delete it.");

    public static RoomcastException MessageNotFound() => RoomcastException.NotFound("Message");

    public static RoomcastException RateLimited(TimeSpan retryAfter) =>
        RoomcastException.RateLimited("You are sending messages too fast; wait a moment.", retryAfter);
}
