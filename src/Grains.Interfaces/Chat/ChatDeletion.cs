namespace Roomcast.Chat;

/// <summary>A request to delete a message: its author may, and so may whoever <see cref="MayDeleteAnyMessage"/> (moderators and up, admins).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.ChatDeletion")]
public sealed record ChatDeletion(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] Guid DeletedBy,
    [property: Id(2)] bool MayDeleteAnyMessage);
