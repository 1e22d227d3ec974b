using Roomcast.Chat;

namespace Roomcast.WebApi.Contracts;

/// <param name="Seq">The message's place in the session's chat, 1, 2, 3, ... in the order the server received them.</param>
public sealed record ChatMessageResponse(Guid Id, long Seq, Guid UserId, string DisplayName, string Text, DateTimeOffset SentAt)
{
    public static ChatMessageResponse From(ChatMessage message) =>
        new(message.Id, message.Sequence, message.UserId, message.DisplayName, message.Text, message.SentAt);
}
