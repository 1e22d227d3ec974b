using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Errors;
using Roomcast.Grains.Chat;

namespace Roomcast.Grains.Tests.Chat;

/// <summary>
/// What every <see cref="IChatLog"/> must do; one subclass per implementation. This file is also compiled into
/// Roomcast.Postgres.Tests, where <see cref="ChatFactAttribute"/> skips the facts without PostgreSQL.
/// </summary>
public abstract class ChatLogContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private IChatLog? _log;

    protected IChatLog Log => _log ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<IChatLog> CreateLogAsync();

    public async Task InitializeAsync() => _log = await CreateLogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static ChatMessage Message(Guid session, long sequence, string? text = null, Guid? user = null) =>
        new(Guid.NewGuid(), session, sequence, user ?? Guid.NewGuid(), "Ada", text ?? $"message {sequence}", T0.AddSeconds(sequence));

    protected async Task<List<ChatMessage>> AppendAsync(Guid session, int count)
    {
        var messages = new List<ChatMessage>();
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var message = Message(session, sequence);
            await Log.AppendAsync(message);
            messages.Add(message);
        }

        return messages;
    }

    [ChatFact]
    public async Task An_appended_message_is_found_listed_and_raises_the_highest_sequence()
    {
        var session = Guid.NewGuid();
        var message = Message(session, 1, "Hello\nworld ✨");
        await Log.AppendAsync(message);

        Assert.Equal(message, await Log.FindAsync(session, message.Id));
        Assert.Equal(message, Assert.Single((await Log.ListAsync(session, PageRequest.First())).Items));
        Assert.Equal(1, await Log.HighestSequenceAsync(session));
    }

    [ChatFact]
    public async Task The_time_of_a_message_reads_back_to_the_microsecond()
    {
        var session = Guid.NewGuid();
        var message = Message(session, 1) with { SentAt = T0.AddTicks(1_234_560) };
        await Log.AppendAsync(message);

        Assert.Equal(message, await Log.FindAsync(session, message.Id));
        Assert.Equal(message, Assert.Single((await Log.ListAsync(session, PageRequest.First())).Items));
    }

    [ChatFact]
    public async Task An_unknown_session_has_nothing_and_sequence_zero()
    {
        var session = Guid.NewGuid();

        Assert.Empty((await Log.ListAsync(session, PageRequest.First())).Items);
        Assert.Null(await Log.FindAsync(session, Guid.NewGuid()));
        Assert.Equal(0, await Log.HighestSequenceAsync(session));
        await Log.MarkDeletedAsync(session, Guid.NewGuid(), Guid.NewGuid(), T0);
    }

    [ChatFact]
    public async Task Appending_the_same_message_twice_stores_it_once()
    {
        var session = Guid.NewGuid();
        var message = Message(session, 1);
        await Log.AppendAsync(message);
        await Log.AppendAsync(message);

        Assert.Single((await Log.ListAsync(session, PageRequest.First())).Items);
    }

    [ChatFact]
    public async Task Another_message_at_a_taken_sequence_is_refused()
    {
        var session = Guid.NewGuid();
        await Log.AppendAsync(Message(session, 1));

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Log.AppendAsync(Message(session, 1)));
    }

    [ChatFact]
    public async Task Pages_are_newest_first_and_walk_back_and_forth_by_sequence()
    {
        var session = Guid.NewGuid();
        var messages = await AppendAsync(session, 25);

        var first = await Log.ListAsync(session, PageRequest.First(10));
        var second = await Log.ListAsync(session, new PageRequest(10, StartAfter: first.NextCursor));
        var third = await Log.ListAsync(session, new PageRequest(10, StartAfter: second.NextCursor));
        var back = await Log.ListAsync(session, new PageRequest(10, EndBefore: second.PreviousCursor));

        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(i => (long)i), first.Items.Select(m => m.Sequence));
        Assert.Null(first.PreviousCursor);
        Assert.Equal(Enumerable.Range(6, 10).Reverse().Select(i => (long)i), second.Items.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(1, 5).Reverse().Select(i => (long)i), third.Items.Select(m => m.Sequence));
        Assert.Null(third.NextCursor);
        Assert.Equal(first.Items, back.Items);
        Assert.Null(back.PreviousCursor);
        Assert.Equal(messages[^1], first.Items[0]);
    }

    [ChatFact]
    public async Task A_page_stays_put_while_newer_messages_arrive()
    {
        var session = Guid.NewGuid();
        await AppendAsync(session, 12);
        var first = await Log.ListAsync(session, PageRequest.First(5));
        for (var sequence = 13; sequence <= 20; sequence++)
        {
            await Log.AppendAsync(Message(session, sequence));
        }

        var second = await Log.ListAsync(session, new PageRequest(5, StartAfter: first.NextCursor));

        Assert.Equal([7L, 6, 5, 4, 3], second.Items.Select(m => m.Sequence));
    }

    [ChatFact]
    public async Task A_deleted_message_is_left_out_of_pages_and_not_found_but_keeps_its_sequence()
    {
        var session = Guid.NewGuid();
        var messages = await AppendAsync(session, 3);
        await Log.MarkDeletedAsync(session, messages[2].Id, Guid.NewGuid(), T0.AddMinutes(1));
        await Log.MarkDeletedAsync(session, messages[2].Id, Guid.NewGuid(), T0.AddMinutes(2));
        await Log.MarkDeletedAsync(session, messages[1].Id, Guid.NewGuid(), T0.AddMinutes(1));

        Assert.Equal([messages[0]], (await Log.ListAsync(session, PageRequest.First())).Items);
        Assert.Null(await Log.FindAsync(session, messages[2].Id));
        Assert.Equal(3, await Log.HighestSequenceAsync(session));
    }

    [ChatFact]
    public async Task A_message_of_one_session_is_not_found_in_another()
    {
        var session = Guid.NewGuid();
        var message = Message(session, 1);
        await Log.AppendAsync(message);
        var other = Guid.NewGuid();
        await Log.MarkDeletedAsync(other, message.Id, Guid.NewGuid(), T0);

        Assert.Null(await Log.FindAsync(other, message.Id));
        Assert.Equal(message, await Log.FindAsync(session, message.Id));
    }

    [ChatFact]
    public async Task A_cursor_that_is_not_one_is_refused_as_invalid()
    {
        var error = await Assert.ThrowsAsync<RoomcastException>(
            () => Log.ListAsync(Guid.NewGuid(), new PageRequest(10, StartAfter: "not-a-cursor")));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("start_after", Assert.Single(error.Details).Field);
    }

    [ChatFact]
    public async Task Concurrent_appends_of_distinct_sequences_are_all_stored()
    {
        var session = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Log.AppendAsync(Message(session, i))));

        var page = await Log.ListAsync(session, PageRequest.First(100));
        Assert.Equal(Enumerable.Range(1, 50).Reverse().Select(i => (long)i), page.Items.Select(m => m.Sequence));
        Assert.Equal(new ChatCursor(50).Encode(), new ChatCursor(page.Items[0].Sequence).Encode());
    }
}
