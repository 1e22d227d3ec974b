using System.Net;
using System.Net.Http.Headers;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Chat;

/// <summary>A live session's chat through the API: who may read, send and delete, what a message may say, the rate limit, the order.</summary>
[Collection(ChatCollection.Name)]
public sealed class ChatApiTests(RoomcastApiFactory api)
{
    private static string ChatOf(Guid sessionId) => $"/v1/sessions/{sessionId}/chat";

    private async Task<(TestUser Host, SessionDto Session)> LiveSessionAsync(string visibility = "public")
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync(visibility);
        return (host, await api.StartSessionAsync(host, session.Id));
    }

    private HttpClient ClientOf(Guid userId, Guid libraryId, string name = "Viewer")
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.ForViewer(userId, libraryId, name));
        return client;
    }

    /// <summary>A synthetic viewer of the session's library who has joined it.</summary>
    private async Task<HttpClient> JoinedViewerAsync(SessionDto session, string name = "Viewer")
    {
        var client = ClientOf(Guid.NewGuid(), session.LibraryId, name);
        await (await client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        return client;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Guid sessionId, object body) =>
        client.PostAsync(ChatOf(sessionId), ApiJson.Body(body));

    private static async Task<ChatMessageDto> SentAsync(HttpClient client, Guid sessionId, string text) =>
        await (await SendAsync(client, sessionId, new { Text = text })).ShouldSucceedAsync<ChatMessageDto>(HttpStatusCode.Created);

    private static async Task<ListDto<ChatMessageDto>> ListAsync(HttpClient client, Guid sessionId, string query = "") =>
        await (await client.GetAsync(ChatOf(sessionId) + query)).ShouldSucceedAsync<ListDto<ChatMessageDto>>();

    [Fact]
    public async Task AJoinedViewerAndTheHostChatAndEveryoneWhoSeesTheSessionReadsNewestFirst()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await JoinedViewerAsync(session, "Grace");

        var fromHost = await SentAsync(host.Client, session.Id, "Welcome!");
        var response = await SendAsync(viewer, session.Id, new { Text = "  Hello\nfrom the back row  " });
        var fromViewer = await response.ShouldSucceedAsync<ChatMessageDto>(HttpStatusCode.Created);

        Assert.Equal($"/v1/sessions/{session.Id}/chat/{fromViewer.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((1L, 2L), (fromHost.Seq, fromViewer.Seq));
        Assert.Equal(("Hello\nfrom the back row", "Grace"), (fromViewer.Text, fromViewer.DisplayName));
        var stranger = await api.CreateViewerAsync();
        var listed = await ListAsync(stranger.Client, session.Id);
        Assert.Equal([fromViewer, fromHost], listed.Items);
        Assert.Null(listed.NextCursor);
        var viaKey = api.ApiKeyClient((await api.CreateApiKeyAsync(session.LibraryId, "viewer")).Key);
        Assert.Equal(2, (await ListAsync(viaKey, session.Id)).Items.Count);
    }

    [Fact]
    public async Task TwoHundredViewersSendingAtOnceAreTwoHundredMessagesNumberedOneToTwoHundredAndPagesStayPut()
    {
        var (host, session) = await LiveSessionAsync();
        var viewers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => JoinedViewerAsync(session)));

        var responses = await Task.WhenAll(viewers.Select((v, i) => SendAsync(v, session.Id, new { Text = $"message {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var first = await ListAsync(host.Client, session.Id, "?limit=50");
        var late = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => JoinedViewerAsync(session)));
        var sendingMore = Task.WhenAll(late.Select(v => SendAsync(v, session.Id, new { Text = "late" })));
        var pages = new List<ListDto<ChatMessageDto>> { first };
        while (pages[^1].NextCursor is { } cursor)
        {
            pages.Add(await ListAsync(host.Client, session.Id, $"?limit=50&start_after={cursor}"));
        }

        Assert.All(await sendingMore, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(Enumerable.Range(1, 200).Reverse().Select(i => (long)i), pages.SelectMany(p => p.Items).Select(m => m.Seq));
        var newest = await ListAsync(host.Client, session.Id, "?limit=100");
        Assert.Equal(Enumerable.Range(121, 100).Reverse().Select(i => (long)i), newest.Items.Select(m => m.Seq));
        var newer = await ListAsync(host.Client, session.Id, $"?limit=50&end_before={first.PrevCursor ?? Cursor(first.Items[0])}");
        Assert.Equal(Enumerable.Range(201, 20).Reverse().Select(i => (long)i), newer.Items.Select(m => m.Seq));
    }

    /// <summary>The cursor of a message as the API would encode it: what the first page's own items would be paged from.</summary>
    private static string Cursor(ChatMessageDto message) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes($"chat.{message.Seq}"));

    [Fact]
    public async Task AuthorsAndModeratorsDeleteMessagesOtherViewersMayNotAndDeletedMessagesAreGone()
    {
        var (host, session) = await LiveSessionAsync();
        var moderator = await api.CreateViewerAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/moderators", ApiJson.Body(new { UserId = moderator.Id }))).ShouldSucceedAsync();
        var author = await JoinedViewerAsync(session);
        var other = await JoinedViewerAsync(session);
        var kept = await SentAsync(author, session.Id, "kept");
        var regretted = await SentAsync(author, session.Id, "regretted");
        var rude = await SentAsync(author, session.Id, "rude");

        await (await other.DeleteAsync($"{ChatOf(session.Id)}/{rude.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await author.DeleteAsync($"{ChatOf(session.Id)}/{regretted.Id}")).ShouldSucceedAsync();
        await (await moderator.Client.DeleteAsync($"{ChatOf(session.Id)}/{rude.Id}")).ShouldSucceedAsync();

        await (await author.DeleteAsync($"{ChatOf(session.Id)}/{regretted.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.DeleteAsync($"{ChatOf(session.Id)}/{Guid.NewGuid()}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal([kept], (await ListAsync(host.Client, session.Id)).Items);
        var admin = await api.AdminAsync();
        await (await admin.Client.DeleteAsync($"{ChatOf(session.Id)}/{kept.Id}")).ShouldSucceedAsync();
        Assert.Empty((await ListAsync(host.Client, session.Id)).Items);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("\u200B")]
    [InlineData("tab\there")]
    [InlineData("bell\u0007")]
    public async Task AMessageThatIsBlankOrHoldsControlCharactersIsRefused(string? text)
    {
        var (host, session) = await LiveSessionAsync();

        await (await SendAsync(host.Client, session.Id, new { Text = text })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "text");
    }

    [Fact]
    public async Task AMessageOfFiveHundredCharactersIsTakenAndOneMoreIsRefused()
    {
        var (host, session) = await LiveSessionAsync();

        await SentAsync(host.Client, session.Id, new string('a', 500) + "   ");
        await (await SendAsync(host.Client, session.Id, new { Text = new string('a', 501) })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "text");
    }

    [Theory]
    [InlineData("?start_after=nonsense", "start_after")]
    [InlineData("?end_before=Y2hhdC4w", "end_before")]
    [InlineData("?limit=0", "limit")]
    public async Task ABadCursorOrLimitIsA400(string query, string field)
    {
        var (host, session) = await LiveSessionAsync();

        await (await host.Client.GetAsync(ChatOf(session.Id) + query)).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task AnonymousCallersAreUnauthorized()
    {
        var (_, session) = await LiveSessionAsync();

        await (await api.Anonymous().GetAsync(ChatOf(session.Id))).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await SendAsync(api.Anonymous(), session.Id, new { Text = "hi" })).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AnApiKeyHasNoSeatToChatFrom()
    {
        var (host, session) = await LiveSessionAsync();
        var message = await SentAsync(host.Client, session.Id, "hi");
        var key = api.ApiKeyClient((await api.CreateApiKeyAsync(session.LibraryId, "host")).Key);

        await (await SendAsync(key, session.Id, new { Text = "hi" })).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await key.DeleteAsync($"{ChatOf(session.Id)}/{message.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AViewerWhoHasNotJoinedOrIsBannedMayNotChat()
    {
        var (host, session) = await LiveSessionAsync();
        var absent = ClientOf(Guid.NewGuid(), session.LibraryId);
        var bannedId = Guid.NewGuid();
        var banned = ClientOf(bannedId, session.LibraryId);
        await (await banned.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        var user = await api.CreateViewerAsync();
        await (await user.Client.PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = user.Id }))).ShouldSucceedAsync();

        await (await SendAsync(absent, session.Id, new { Text = "hi" })).ShouldFailAsync(HttpStatusCode.Forbidden, "not_joined");
        await (await SendAsync(user.Client, session.Id, new { Text = "hi" })).ShouldFailAsync(HttpStatusCode.Forbidden, "banned");
    }

    [Fact]
    public async Task APrivateSessionsChatIsNotFoundForStrangers()
    {
        var (host, session) = await LiveSessionAsync("private");
        var message = await SentAsync(host.Client, session.Id, "for insiders");
        var stranger = await api.CreateViewerAsync();

        await (await stranger.Client.GetAsync(ChatOf(session.Id))).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await SendAsync(stranger.Client, session.Id, new { Text = "hi" })).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.DeleteAsync($"{ChatOf(session.Id)}/{message.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.GetAsync(ChatOf(Guid.NewGuid()))).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ChatTurnedOffOrASessionNotLiveIsAConflict()
    {
        var (host, session) = await LiveSessionAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Body(new { ChatEnabled = false }))).ShouldSucceedAsync();
        await (await SendAsync(host.Client, session.Id, new { Text = "hi" })).ShouldFailAsync(HttpStatusCode.Conflict, "chat_disabled");

        var (otherHost, _, scheduled) = await api.CreateHostWithSessionAsync();
        await (await SendAsync(otherHost.Client, scheduled.Id, new { Text = "hi" })).ShouldFailAsync(HttpStatusCode.Conflict, "session_not_live");
    }

    [Fact]
    public async Task ASenderWhoSendsFasterThanTheLimitIsToldWhenToRetry()
    {
        var (host, session) = await LiveSessionAsync();
        for (var i = 0; i < 5; i++)
        {
            await SentAsync(host.Client, session.Id, $"burst {i}");
        }

        var limited = await SendAsync(host.Client, session.Id, new { Text = "one too many" });

        await limited.ShouldFailAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        await SentAsync(await JoinedViewerAsync(session), session.Id, "others are not held back");
    }
}
