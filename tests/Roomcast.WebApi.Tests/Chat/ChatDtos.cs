namespace Roomcast.WebApi.Tests.Chat;

public sealed record ChatMessageDto(Guid Id, long Seq, Guid UserId, string DisplayName, string Text, DateTimeOffset SentAt);
