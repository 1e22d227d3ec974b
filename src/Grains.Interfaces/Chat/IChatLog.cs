using Roomcast.Catalog;

namespace Roomcast.Chat;

/// <summary>
/// The chat messages of sessions, append-only rows kept out of grain state: PostgreSQL rows in cluster mode, bounded
/// memory in dev mode. The session's chat grain writes them; history pages read them directly. Failures surface as
/// <c>StorageUnavailableException</c>.
/// </summary>
public interface IChatLog
{
    /// <summary>
    /// Stores a message. Appending the same message again changes nothing; another message at a sequence (or with an
    /// id) already taken is refused with <c>StorageUnavailableException</c>.
    /// </summary>
    Task AppendAsync(ChatMessage message);

    /// <summary>Marks a message deleted (listings and <see cref="FindAsync"/> skip it from then on); idempotent, unknown ids are ignored.</summary>
    Task MarkDeletedAsync(Guid sessionId, Guid messageId, Guid deletedBy, DateTimeOffset at);

    /// <summary>One page, newest first by sequence, deleted messages left out; cursors are <c>ChatCursor</c>s.</summary>
    Task<Page<ChatMessage>> ListAsync(Guid sessionId, PageRequest page);

    /// <summary>The message, or null when unknown or deleted.</summary>
    Task<ChatMessage?> FindAsync(Guid sessionId, Guid messageId);

    /// <summary>The highest sequence ever stored for the session, deleted messages included; 0 when none.</summary>
    Task<long> HighestSequenceAsync(Guid sessionId);
}
