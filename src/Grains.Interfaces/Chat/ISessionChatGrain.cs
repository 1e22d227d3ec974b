using Orleans.Concurrency;

namespace Roomcast.Chat;

/// <summary>
/// The chat of one session (key = session id): numbers its messages in one total order, writes each to
/// <see cref="IChatLog"/> before anyone hears of it, keeps the newest in memory for the first page of the history,
/// and rate-limits each sender. Older pages are read from the log directly.
/// </summary>
[Alias("Roomcast.ISessionChatGrain")]
public interface ISessionChatGrain : IGrainWithGuidKey
{
    /// <summary>Stores and publishes a message; refuses with 409 (chat off, not live), 403 (banned, not joined) or 429.</summary>
    [Alias("Send")]
    Task<ChatMessage> SendAsync(ChatSend send);

    /// <summary>Deletes a message (it disappears from the history); not-found when unknown or already deleted.</summary>
    [Alias("Delete")]
    Task DeleteAsync(ChatDeletion deletion);

    /// <summary>
    /// The newest <paramref name="count"/> messages, newest first, from memory when it holds them. Reads only, so they
    /// may interleave with each other.
    /// </summary>
    [Alias("GetLatest"), ReadOnly]
    Task<IReadOnlyList<ChatMessage>> GetLatestAsync(int count);
}
