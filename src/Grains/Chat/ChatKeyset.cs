using Roomcast.Catalog;
using Roomcast.Chat;

namespace Roomcast.Grains.Chat;

/// <summary>
/// Keyset paging of a chat history, newest first by sequence, shared by every <see cref="IChatLog"/>: forward
/// (<c>start_after</c>) reads older messages, backward (<c>end_before</c>) newer ones. The cursors are decoded on
/// construction, so that a bad one is the caller's 400 before any storage work.
/// </summary>
public sealed class ChatKeyset
{
    private readonly int _limit;
    private readonly bool _hasCursor;

    public ChatKeyset(PageRequest request)
    {
        _limit = request.Limit;
        if (request.EndBefore is { } endBefore)
        {
            Before = ChatCursor.Decode(endBefore, "end_before").Sequence;
            _hasCursor = true;
        }
        else if (request.StartAfter is { } startAfter)
        {
            After = ChatCursor.Decode(startAfter, "start_after").Sequence;
            _hasCursor = true;
        }
    }

    /// <summary>Forward: only messages older than this sequence.</summary>
    public long? After { get; }

    /// <summary>Backward: only messages newer than this sequence.</summary>
    public long? Before { get; }

    public bool Backward => Before is not null;

    /// <summary>How many rows to read: one more than the page, to learn whether there are more.</summary>
    public int FetchCount => _limit + 1;

    /// <summary>Picks the rows of the page from a newest-first sequence, in the order <see cref="ToPage"/> expects.</summary>
    public List<ChatMessage> Select(IEnumerable<ChatMessage> newestFirst) => Backward
        ? newestFirst.Where(m => m.Sequence > Before).Reverse().Take(FetchCount).ToList()
        : newestFirst.Where(m => After is not { } after || m.Sequence < after).Take(FetchCount).ToList();

    /// <summary>
    /// Cuts the page from up to <see cref="FetchCount"/> rows: forward ones newest first, backward ones oldest first
    /// (closest to the cursor first).
    /// </summary>
    public Page<ChatMessage> ToPage(IReadOnlyList<ChatMessage> rows)
    {
        var more = rows.Count > _limit;
        if (Backward)
        {
            var newer = (more ? rows.Take(_limit) : rows).Reverse().ToList();
            return new Page<ChatMessage>(newer, Cursor(newer.LastOrDefault()), more ? Cursor(newer.FirstOrDefault()) : null);
        }

        var items = more ? rows.Take(_limit).ToList() : rows.ToList();
        return new Page<ChatMessage>(items, more ? Cursor(items.LastOrDefault()) : null, _hasCursor ? Cursor(items.FirstOrDefault()) : null);
    }

    private static string? Cursor(ChatMessage? message) => message is null ? null : new ChatCursor(message.Sequence).Encode();
}
