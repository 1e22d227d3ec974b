using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Audience;
using Roomcast.Grains.Events;
using Roomcast.Sessions;

namespace Roomcast.Grains.Chat;

/// <summary>
/// The chat of one session. It has no grain state: every message is a row of <see cref="IChatLog"/>, written before
/// the message is numbered as sent, kept in the recent window or published; a re-activation continues from the log's
/// highest sequence. Calls are not interleaved (sends are numbered one at a time), except the read of the newest page.
/// </summary>
public sealed partial class SessionChatGrain(
    IChatLog log,
    IOptions<ChatOptions> options,
    TimeProvider clock,
    ILogger<SessionChatGrain> logger) : Grain, ISessionChatGrain
{
    /// <summary>How many of the newest messages are kept in memory for the first page of the history.</summary>
    internal const int RecentWindowSize = 100;

    private readonly SenderRateLimiter _rateLimiter = new(options.Value.BurstSize, options.Value.RefillPerSecond);

    /// <summary>The newest messages not deleted, oldest first: a contiguous tail of the history.</summary>
    private readonly LinkedList<ChatMessage> _recent = new();

    /// <summary>True while <see cref="_recent"/> holds the whole history, so that even a short window answers any first page.</summary>
    private bool _recentHoldsAll;

    private long _lastSequence;

    private Guid SessionId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastSequence = await log.HighestSequenceAsync(SessionId);
        var newest = await log.ListAsync(SessionId, PageRequest.First(RecentWindowSize));
        foreach (var message in newest.Items)
        {
            _recent.AddFirst(message);
        }

        _recentHoldsAll = newest.NextCursor is null;
    }

    public async Task<ChatMessage> SendAsync(ChatSend send)
    {
        if (!send.ChatEnabled)
        {
            throw ChatErrors.Disabled();
        }

        if (send.SessionState != SessionState.Live)
        {
            throw AudienceErrors.NotLive(send.SessionState);
        }

        AudienceErrors.Require(await GrainFactory.GetGrain<ISessionAudienceGrain>(SessionId).GetStandingAsync(send.UserId),
            ChatErrors.NotJoined, presenceRequired: !send.MayChatWithoutJoining);

        var now = clock.GetUtcNow();
        if (!_rateLimiter.TryTake(send.UserId, now, out var retryAfter))
        {
            throw ChatErrors.RateLimited(retryAfter);
        }

        var message = new ChatMessage(Guid.NewGuid(), SessionId, _lastSequence + 1, send.UserId, send.DisplayName, send.Text, ToMicroseconds(now));
        await WriteAsync(() => log.AppendAsync(message));
        _lastSequence = message.Sequence;
        _recent.AddLast(message);
        if (_recent.Count > RecentWindowSize)
        {
            _recent.RemoveFirst();
            _recentHoldsAll = false;
        }

        await PublishAsync(SessionEventDraft.Of(SessionEventTypes.ChatMessage, new
        {
            message.Id,
            Seq = message.Sequence,
            message.UserId,
            message.DisplayName,
            message.Text,
            message.SentAt,
        }) with { Key = message.Id.ToString() });
        return message;
    }

    public async Task DeleteAsync(ChatDeletion deletion)
    {
        var message = _recent.FirstOrDefault(m => m.Id == deletion.MessageId)
                      ?? await log.FindAsync(SessionId, deletion.MessageId)
                      ?? throw ChatErrors.MessageNotFound();
        if (message.UserId != deletion.DeletedBy && !deletion.MayDeleteAnyMessage)
        {
            throw ChatErrors.NotAuthor();
        }

        await WriteAsync(() => log.MarkDeletedAsync(SessionId, message.Id, deletion.DeletedBy, clock.GetUtcNow()));
        _recent.Remove(message);
        LogDeleted(SessionId, message.Id, message.Sequence, deletion.DeletedBy);
        await PublishAsync(SessionEventDraft.Of(SessionEventTypes.ChatDeleted, new { message.Id }) with { Retracts = message.Id.ToString() });
    }

    public async Task<IReadOnlyList<ChatMessage>> GetLatestAsync(int count)
    {
        if (_recent.Count >= count || _recentHoldsAll)
        {
            return _recent.Reverse().Take(count).ToList();
        }

        return (await log.ListAsync(SessionId, PageRequest.First(count))).Items;
    }

    /// <summary>
    /// PostgreSQL keeps whole microseconds: the time sent back and published must be the one a page will read later.
    /// </summary>
    private static DateTimeOffset ToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % (TimeSpan.TicksPerMillisecond / 1000), TimeSpan.Zero);

    /// <summary>
    /// A failed write may still have been stored (its acknowledgement lost), and the next message must not reuse its
    /// sequence: the activation is retired, and the next one reads the highest sequence back from the log.
    /// </summary>
    private async Task WriteAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is not RoomcastException)
        {
            this.DeactivateOnIdle();
            if (e is StorageUnavailableException)
            {
                throw;
            }

            throw new StorageUnavailableException(
                $"The chat log failed for session {SessionId}: {e.GetType().Name}. The message may not have been saved; re-read and retry.");
        }
    }

    private Task PublishAsync(SessionEventDraft draft) => GrainFactory.PublishSessionEventAsync(SessionId, draft, logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: chat message {MessageId} (#{Sequence}) deleted by {DeletedBy}")]
    private partial void LogDeleted(Guid sessionId, Guid messageId, long sequence, Guid deletedBy);
}
