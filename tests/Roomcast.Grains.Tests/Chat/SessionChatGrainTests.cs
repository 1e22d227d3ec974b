using Microsoft.Extensions.DependencyInjection;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests.Chat;

/// <summary>A session's chat: one gapless order, the log first, who may send and delete, and the per-sender token bucket on the fake clock.</summary>
[Collection(ChatCollection.Name)]
public sealed class SessionChatGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private IChatLog Log => fixture.SiloServices.GetRequiredService<IChatLog>();

    private static ChatSend Staff(Guid userId, string text = "Hello") =>
        new(userId, "Host", text, MayChatWithoutJoining: true, SessionState.Live, ChatEnabled: true);

    private static ChatSend Viewer(Guid userId, string text = "Hi") =>
        new(userId, "Viewer", text, MayChatWithoutJoining: false, SessionState.Live, ChatEnabled: true);

    private async Task<Guid> JoinedViewerAsync(Guid sessionId)
    {
        var userId = Guid.NewGuid();
        await Grains.GetGrain<ISessionAudienceGrain>(sessionId)
            .JoinAsync(new AudienceJoin(userId, "Viewer", AttendeeRole.Viewer, SessionState.Live, null));
        return userId;
    }

    private static async Task<RoomcastException> RefusedAsync(Func<Task> call, ErrorKind kind, string code)
    {
        var error = await Assert.ThrowsAsync<RoomcastException>(call);
        Assert.Equal((kind, code), (error.Kind, error.Code));
        return error;
    }

    [Fact]
    public async Task MessagesAreNumberedInOrderStoredAndReadNewestFirst()
    {
        var sessionId = Guid.NewGuid();
        var chat = Grains.GetGrain<ISessionChatGrain>(sessionId);
        var host = Guid.NewGuid();

        var sent = new List<ChatMessage>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add(await chat.SendAsync(Staff(host, $"message {i}")));
        }

        Assert.Equal([1L, 2, 3], sent.Select(m => m.Sequence));
        Assert.Equal(sent.AsEnumerable().Reverse(), await chat.GetLatestAsync(10));
        Assert.Equal(sent[^1], await Log.FindAsync(sessionId, sent[^1].Id));
        Assert.Equal((sessionId, host, "message 0"), (sent[0].SessionId, sent[0].UserId, sent[0].Text));
        Assert.Equal(0, sent[0].SentAt.UtcTicks % 10);
    }

    [Fact]
    public async Task TwoHundredParallelSendersGetSequenceOneToTwoHundredWithoutGapsOrRepeats()
    {
        var sessionId = Guid.NewGuid();
        var chat = Grains.GetGrain<ISessionChatGrain>(sessionId);
        var viewers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => JoinedViewerAsync(sessionId)));

        var sent = await Task.WhenAll(viewers.Select(v => chat.SendAsync(Viewer(v))));

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), sent.Select(m => m.Sequence).Order());
        var stored = await Log.ListAsync(sessionId, PageRequest.First(PageRequest.MaxLimit));
        var older = await Log.ListAsync(sessionId, new PageRequest(PageRequest.MaxLimit, StartAfter: stored.NextCursor));
        Assert.Equal(Enumerable.Range(1, 200).Reverse().Select(i => (long)i), stored.Items.Concat(older.Items).Select(m => m.Sequence));
        Assert.Null(older.NextCursor);
    }

    [Fact]
    public async Task NumberingContinuesFromTheLogAfterTheGrainIsDeactivated()
    {
        var sessionId = Guid.NewGuid();
        var chat = Grains.GetGrain<ISessionChatGrain>(sessionId);
        var host = Guid.NewGuid();
        var first = await chat.SendAsync(Staff(host, "one"));
        var second = await chat.SendAsync(Staff(host, "two"));
        await chat.DeleteAsync(new ChatDeletion(second.Id, host, MayDeleteAnyMessage: false));

        await fixture.Cluster.DeactivateAsync(chat);
        var third = await chat.SendAsync(Staff(host, "three"));

        Assert.Equal(3, third.Sequence);
        Assert.Equal([third, first], await chat.GetLatestAsync(10));
    }

    [Fact]
    public async Task TheFirstPageComesFromTheLogWhenMemoryHoldsTooFew()
    {
        var sessionId = Guid.NewGuid();
        var chat = Grains.GetGrain<ISessionChatGrain>(sessionId);
        var host = Guid.NewGuid();
        var sent = new List<ChatMessage>();
        for (var i = 0; i < 103; i++)
        {
            // Distinct senders: one would run out of tokens.
            sent.Add(await chat.SendAsync(Staff(Guid.NewGuid(), $"m{i}")));
        }

        await chat.DeleteAsync(new ChatDeletion(sent[^1].Id, host, MayDeleteAnyMessage: true));
        var latest = await chat.GetLatestAsync(101);

        Assert.Equal(Enumerable.Range(2, 101).Reverse().Select(i => (long)i), latest.Select(m => m.Sequence));
        await fixture.Cluster.DeactivateAsync(chat);
        Assert.Equal(latest, await chat.GetLatestAsync(101));
    }

    [Fact]
    public async Task ASenderWhoSpendsTheBurstWaitsForTheBucketToRefill()
    {
        var chat = Grains.GetGrain<ISessionChatGrain>(Guid.NewGuid());
        var host = Guid.NewGuid();
        for (var i = 0; i < 5; i++)
        {
            await chat.SendAsync(Staff(host));
        }

        var limited = await RefusedAsync(() => chat.SendAsync(Staff(host)), ErrorKind.RateLimited, "rate_limited");
        Assert.Equal("1", Assert.Single(limited.Details, d => d.Field == RoomcastException.RetryAfterField).Message);
        await chat.SendAsync(Staff(Guid.NewGuid()));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(7, (await chat.SendAsync(Staff(host))).Sequence);
        await RefusedAsync(() => chat.SendAsync(Staff(host)), ErrorKind.RateLimited, "rate_limited");
    }

    [Fact]
    public async Task SendsAreRefusedWhenChatIsOffTheSessionNotLiveTheSenderBannedOrAbsent()
    {
        var sessionId = Guid.NewGuid();
        var chat = Grains.GetGrain<ISessionChatGrain>(sessionId);
        var viewer = await JoinedViewerAsync(sessionId);
        var stranger = Guid.NewGuid();
        var banned = await JoinedViewerAsync(sessionId);
        await Grains.GetGrain<ISessionAudienceGrain>(sessionId).BanAsync(new BanCommand(banned, "spam", Guid.NewGuid(), null));

        await RefusedAsync(() => chat.SendAsync(Viewer(viewer) with { ChatEnabled = false }), ErrorKind.Conflict, "chat_disabled");
        await RefusedAsync(() => chat.SendAsync(Viewer(viewer) with { SessionState = SessionState.Ended }), ErrorKind.Conflict, "session_not_live");
        await RefusedAsync(() => chat.SendAsync(Viewer(banned)), ErrorKind.Forbidden, "banned");
        await RefusedAsync(() => chat.SendAsync(Staff(banned)), ErrorKind.Forbidden, "banned");
        await RefusedAsync(() => chat.SendAsync(Viewer(stranger)), ErrorKind.Forbidden, "not_joined");

        Assert.Equal(1, (await chat.SendAsync(Viewer(viewer))).Sequence);
        Assert.Equal(2, (await chat.SendAsync(Staff(stranger))).Sequence);
    }

    [Fact]
    public async Task AuthorsAndModeratorsDeleteOthersMayNotAndDeletedMessagesAreGone()
    {
        var sessionId = Guid.NewGuid();
        var chat = Grains.GetGrain<ISessionChatGrain>(sessionId);
        var author = Guid.NewGuid();
        var other = Guid.NewGuid();
        var kept = await chat.SendAsync(Staff(author, "kept"));
        var byAuthor = await chat.SendAsync(Staff(author, "mine"));
        var byModerator = await chat.SendAsync(Staff(author, "rude"));

        await RefusedAsync(() => chat.DeleteAsync(new ChatDeletion(byModerator.Id, other, MayDeleteAnyMessage: false)), ErrorKind.Forbidden, "forbidden");
        await chat.DeleteAsync(new ChatDeletion(byAuthor.Id, author, MayDeleteAnyMessage: false));
        await chat.DeleteAsync(new ChatDeletion(byModerator.Id, other, MayDeleteAnyMessage: true));

        await RefusedAsync(() => chat.DeleteAsync(new ChatDeletion(byAuthor.Id, author, MayDeleteAnyMessage: false)), ErrorKind.NotFound, "not_found");
        await RefusedAsync(() => chat.DeleteAsync(new ChatDeletion(Guid.NewGuid(), author, MayDeleteAnyMessage: true)), ErrorKind.NotFound, "not_found");
        Assert.Equal([kept], await chat.GetLatestAsync(10));
        Assert.Equal([kept], (await Log.ListAsync(sessionId, PageRequest.First())).Items);
    }

    [Fact]
    public async Task SentAndDeletedMessagesArePublishedToTheSessionsEventsAfterTheyAreStored()
    {
        var sessionId = Guid.NewGuid();
        var events = Grains.GetGrain<ISessionEventsGrain>(sessionId);
        var marker = await events.PublishAsync(SessionEventDraft.Of("test.marker", new { }));
        var chat = Grains.GetGrain<ISessionChatGrain>(sessionId);
        var host = Guid.NewGuid();

        var message = await chat.SendAsync(Staff(host, "Hello"));

        var published = await events.GetSinceAsync(marker.Id);
        Assert.NotNull(published);
        Assert.Equal([SessionEventTypes.ChatMessage], published.Select(e => e.Type));
        using var sent = System.Text.Json.JsonDocument.Parse(published[0].Data);
        Assert.Equal(
            (message.Id, 1L, host, "Host", "Hello"),
            (sent.RootElement.GetProperty("id").GetGuid(), sent.RootElement.GetProperty("seq").GetInt64(),
                sent.RootElement.GetProperty("user_id").GetGuid(), sent.RootElement.GetProperty("display_name").GetString(),
                sent.RootElement.GetProperty("text").GetString()));
        Assert.Equal(message.SentAt, sent.RootElement.GetProperty("sent_at").GetDateTimeOffset());

        await chat.DeleteAsync(new ChatDeletion(message.Id, host, MayDeleteAnyMessage: false));

        // Deleted, it is gone from the replay too: a client catching up sees only the deletion.
        var afterDeletion = await events.GetSinceAsync(marker.Id);
        Assert.Equal([SessionEventTypes.ChatDeleted], afterDeletion!.Select(e => e.Type));
        Assert.Equal($$"""{"id":"{{message.Id}}"}""", afterDeletion![0].Data);
    }
}
