using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Errors;

namespace Roomcast.Grains.Chat;

/// <summary>
/// The dev-mode chat log: one process, lost on restart, and bounded: each session keeps its newest
/// <see cref="ChatOptions.DevModeMaxMessagesPerSession"/> messages (deleted ones count), dropping the oldest. The highest
/// sequence is kept apart, so numbering never goes back even when the newest message is dropped or deleted.
/// </summary>
public sealed class InMemoryChatLog(IOptions<ChatOptions> options) : IChatLog
{
    private readonly int _maxPerSession = options.Value.DevModeMaxMessagesPerSession;
    private readonly ConcurrentDictionary<Guid, SessionMessages> _sessions = new();

    public Task AppendAsync(ChatMessage message)
    {
        var session = _sessions.GetOrAdd(message.SessionId, _ => new SessionMessages());
        lock (session.Gate)
        {
            if (session.BySequence.TryGetValue(message.Sequence, out var stored) || session.SequenceOf.ContainsKey(message.Id))
            {
                return stored?.Message == message
                    ? Task.CompletedTask
                    : throw new StorageUnavailableException(
                        $"Chat message {message.Id} (sequence {message.Sequence}) of session {message.SessionId} collides with one already stored.");
            }

            session.BySequence.Add(message.Sequence, new StoredMessage(message, Deleted: false));
            session.SequenceOf[message.Id] = message.Sequence;
            session.Highest = Math.Max(session.Highest, message.Sequence);
            while (session.BySequence.Count > _maxPerSession)
            {
                session.SequenceOf.Remove(session.BySequence.GetValueAtIndex(0).Message.Id);
                session.BySequence.RemoveAt(0);
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkDeletedAsync(Guid sessionId, Guid messageId, Guid deletedBy, DateTimeOffset at)
    {
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            lock (session.Gate)
            {
                if (session.SequenceOf.TryGetValue(messageId, out var sequence))
                {
                    session.BySequence[sequence] = session.BySequence[sequence] with { Deleted = true };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<Page<ChatMessage>> ListAsync(Guid sessionId, PageRequest page)
    {
        var keyset = new ChatKeyset(page);
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return Task.FromResult(keyset.ToPage([]));
        }

        List<ChatMessage> rows;
        lock (session.Gate)
        {
            rows = keyset.Select(NewestFirst(session));
        }

        return Task.FromResult(keyset.ToPage(rows));
    }

    public Task<ChatMessage?> FindAsync(Guid sessionId, Guid messageId)
    {
        ChatMessage? found = null;
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            lock (session.Gate)
            {
                if (session.SequenceOf.TryGetValue(messageId, out var sequence) && session.BySequence[sequence] is { Deleted: false } stored)
                {
                    found = stored.Message;
                }
            }
        }

        return Task.FromResult(found);
    }

    public Task<long> HighestSequenceAsync(Guid sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return Task.FromResult(0L);
        }

        lock (session.Gate)
        {
            return Task.FromResult(session.Highest);
        }
    }

    /// <summary>Not deleted, newest first; read inside the session's lock.</summary>
    private static IEnumerable<ChatMessage> NewestFirst(SessionMessages session)
    {
        for (var i = session.BySequence.Count - 1; i >= 0; i--)
        {
            if (session.BySequence.GetValueAtIndex(i) is { Deleted: false } stored)
            {
                yield return stored.Message;
            }
        }
    }

    private sealed record StoredMessage(ChatMessage Message, bool Deleted);

    private sealed class SessionMessages
    {
        public Lock Gate { get; } = new();

        /// <summary>The kept messages, deleted ones included, oldest first.</summary>
        public SortedList<long, StoredMessage> BySequence { get; } = [];

        public Dictionary<Guid, long> SequenceOf { get; } = [];

        public long Highest { get; set; }
    }
}
