using System.Net;
using System.Net.Http.Headers;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Polls;

/// <summary>Polls: asking, voting once as a person present, reading the counts, closing; every refusal with its code.</summary>
[Collection(PollsCollection.Name)]
public sealed class PollsApiTests(RoomcastApiFactory api)
{
    private static readonly object ThreeAnswers = new { Question = "Which talk next?", Options = new[] { "Orleans", "Kestrel", "PostgreSQL" } };

    private async Task<(TestUser Host, SessionDto Session)> LiveSessionAsync(string visibility = "public", object? settings = null)
    {
        var (host, room) = await api.CreateHostWithRoomAsync(visibility);
        var created = await (await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", ApiJson.Body(new
        {
            Name = "Polls " + Guid.NewGuid().ToString("N")[..6],
            ScheduledAt = DateTimeOffset.UtcNow.AddHours(1),
            Settings = settings,
        }))).ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created);
        return (host, await api.StartSessionAsync(host, created.Id));
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient by, Guid sessionId, object body) =>
        by.PostAsync($"/v1/sessions/{sessionId}/polls", ApiJson.Body(body));

    private static async Task<PollDto> CreatePollAsync(TestUser by, Guid sessionId, object? body = null) =>
        await (await CreateAsync(by.Client, sessionId, body ?? ThreeAnswers)).ShouldSucceedAsync<PollDto>(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> VoteAsync(HttpClient by, Guid sessionId, Guid pollId, params string[] optionIds) =>
        by.PostAsync($"/v1/sessions/{sessionId}/polls/{pollId}/votes", ApiJson.Body(new { OptionIds = optionIds }));

    private static async Task JoinAsync(HttpClient client, Guid sessionId) =>
        await (await client.PostAsync($"/v1/sessions/{sessionId}/join", null)).ShouldSucceedAsync();

    private static async Task<PollResultsDto> ResultsAsync(TestUser by, Guid sessionId, Guid pollId) =>
        await (await by.Client.GetAsync($"/v1/sessions/{sessionId}/polls/{pollId}/results")).ShouldSucceedAsync<PollResultsDto>();

    private static HttpRequestMessage AsViewer(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : ApiJson.Body(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task AHostAsksAViewerVotesEveryoneReadsTheCountsAndClosingEndsTheVoting()
    {
        var (host, session) = await LiveSessionAsync();
        var viewer = await api.CreateViewerAsync();
        await JoinAsync(viewer.Client, session.Id);

        var poll = await CreatePollAsync(host, session.Id, new { Question = "  Which talk next?  ", Options = new[] { "Orleans", " Kestrel ", "PostgreSQL" }, Anonymous = true });

        Assert.Equal(("Which talk next?", session.Id, host.Id, false, true, false), (poll.Question, poll.SessionId, poll.CreatedBy, poll.MultipleChoice, poll.Anonymous, poll.Closed));
        Assert.Equal([new("o1", "Orleans", 0), new("o2", "Kestrel", 0), new("o3", "PostgreSQL", 0)], poll.Options);

        var voted = await (await VoteAsync(viewer.Client, session.Id, poll.Id, "o2")).ShouldSucceedAsync<PollResultsDto>();
        Assert.Equal((1, 1), (voted.TotalVoters, voted.Options.Single(o => o.Id == "o2").Votes));

        var results = await ResultsAsync(viewer, session.Id, poll.Id);
        Assert.Equal([0, 1, 0], results.Options.Select(o => o.Votes));
        Assert.Equal((1, false), (results.TotalVoters, results.Closed));

        var closed = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/polls/{poll.Id}/close", null)).ShouldSucceedAsync<PollDto>();
        Assert.True(closed.Closed);
        Assert.NotNull(closed.ClosedAt);
        var again = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/polls/{poll.Id}/close", null)).ShouldSucceedAsync<PollDto>();
        Assert.Equal(closed.ClosedAt, again.ClosedAt);
        Assert.True((await ResultsAsync(host, session.Id, poll.Id)).Closed);

        await host.Client.PostAsync($"/v1/sessions/{session.Id}/join", null);
        await (await VoteAsync(host.Client, session.Id, poll.Id, "o1")).ShouldFailAsync(HttpStatusCode.Conflict, "poll_closed");
        Assert.Equal(1, (await ResultsAsync(host, session.Id, poll.Id)).TotalVoters);
    }

    [Fact]
    public async Task TheListingIsNewestFirstAndPaged()
    {
        var (host, session) = await LiveSessionAsync();
        var first = await CreatePollAsync(host, session.Id, new { Question = "First?", Options = new[] { "Yes", "No" } });
        var second = await CreatePollAsync(host, session.Id, new { Question = "Second?", Options = new[] { "Yes", "No" } });
        var third = await CreatePollAsync(host, session.Id, new { Question = "Third?", Options = new[] { "Yes", "No" } });

        var page = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/polls?limit=2")).ShouldSucceedAsync<ListDto<PollDto>>();
        Assert.Equal([third.Id, second.Id], page.Items.Select(p => p.Id));
        Assert.NotNull(page.NextCursor);
        var next = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/polls?limit=2&start_after={page.NextCursor}")).ShouldSucceedAsync<ListDto<PollDto>>();
        Assert.Equal([first.Id], next.Items.Select(p => p.Id));
        await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/polls?limit=0")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "limit");
    }

    [Fact]
    public async Task AMultipleChoiceVoteCountsEachChosenAnswerAndOneVoter()
    {
        var (host, session) = await LiveSessionAsync();
        var poll = await CreatePollAsync(host, session.Id, new { Question = "Which days?", Options = new[] { "Mon", "Tue", "Wed" }, MultipleChoice = true });
        var viewer = await api.CreateViewerAsync();
        await JoinAsync(viewer.Client, session.Id);

        await (await VoteAsync(viewer.Client, session.Id, poll.Id, "o1", "o3")).ShouldSucceedAsync<PollResultsDto>();

        var results = await ResultsAsync(host, session.Id, poll.Id);
        Assert.Equal([1, 0, 1], results.Options.Select(o => o.Votes));
        Assert.Equal(1, results.TotalVoters);
        await (await VoteAsync(viewer.Client, session.Id, poll.Id, "o2")).ShouldFailAsync(HttpStatusCode.Conflict, "already_voted");
    }

    [Fact]
    public async Task BadPollsAreRefusedWithTheFieldNamed()
    {
        var (host, session) = await LiveSessionAsync();
        var c = host.Client;

        await (await CreateAsync(c, session.Id, new { Question = "One?", Options = new[] { "Only" } })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "options");
        await (await CreateAsync(c, session.Id, new { Question = "Eleven?", Options = Enumerable.Range(1, 11).Select(i => $"A{i}").ToArray() }))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "options");
        await (await CreateAsync(c, session.Id, new { Question = "Twice?", Options = new[] { "Yes", " yes" } })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "options");
        await (await CreateAsync(c, session.Id, new { Question = " \u200B ", Options = new[] { "Yes", "No" } })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "question");
        await (await CreateAsync(c, session.Id, new { Question = new string('q', 301), Options = new[] { "Yes", "No" } })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "question");
        await (await CreateAsync(c, session.Id, new { Question = "Blank answer?", Options = new[] { "Yes", " " } })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "options[1]");
        await (await CreateAsync(c, session.Id, new { Question = "Long answer?", Options = new[] { "Yes", new string('a', 101) } })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "options[1]");
        await (await CreateAsync(c, session.Id, new { Question = "No answers?" })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "options");
        var listed = await (await c.GetAsync($"/v1/sessions/{session.Id}/polls")).ShouldSucceedAsync<ListDto<PollDto>>();
        Assert.Empty(listed.Items);
    }

    [Fact]
    public async Task BadVotesAreRefusedNamingOptionIdsAndCountNothing()
    {
        var (host, session) = await LiveSessionAsync();
        var poll = await CreatePollAsync(host, session.Id);
        var viewer = await api.CreateViewerAsync();
        await JoinAsync(viewer.Client, session.Id);

        await (await VoteAsync(viewer.Client, session.Id, poll.Id, "o9")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "option_ids");
        await (await VoteAsync(viewer.Client, session.Id, poll.Id, "o1", "o2")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "option_ids");
        await (await VoteAsync(viewer.Client, session.Id, poll.Id, "o1", "o1")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "option_ids");
        await (await VoteAsync(viewer.Client, session.Id, poll.Id)).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "option_ids");
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/polls/{poll.Id}/votes", ApiJson.Body(new { })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "option_ids");
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/polls/not-a-poll/votes", ApiJson.Body(new { OptionIds = new[] { "o1" } })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(0, (await ResultsAsync(host, session.Id, poll.Id)).TotalVoters);
        await (await VoteAsync(viewer.Client, session.Id, poll.Id, "o1")).ShouldSucceedAsync<PollResultsDto>();
    }

    [Fact]
    public async Task AnonymousCallersAreUnauthorizedOnEveryRoute()
    {
        var (host, session) = await LiveSessionAsync();
        var poll = await CreatePollAsync(host, session.Id);
        var anonymous = api.Anonymous();
        var root = $"/v1/sessions/{session.Id}/polls";

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(root)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CreateAsync(anonymous, session.Id, ThreeAnswers)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await VoteAsync(anonymous, session.Id, poll.Id, "o1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{root}/{poll.Id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"{root}/{poll.Id}/close", null)).StatusCode);
    }

    [Fact]
    public async Task ViewersMayNotAskOrCloseAndOnlyPresentUnbannedPeopleVote()
    {
        var (host, session) = await LiveSessionAsync();
        var poll = await CreatePollAsync(host, session.Id);
        var viewer = await api.CreateViewerAsync();
        await JoinAsync(viewer.Client, session.Id);

        await (await CreateAsync(viewer.Client, session.Id, ThreeAnswers)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/polls/{poll.Id}/close", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        var absent = await api.CreateViewerAsync();
        await (await VoteAsync(absent.Client, session.Id, poll.Id, "o1")).ShouldFailAsync(HttpStatusCode.Forbidden, "not_joined");
        await JoinAsync(absent.Client, session.Id);
        await (await absent.Client.PostAsync($"/v1/sessions/{session.Id}/leave", null)).ShouldSucceedAsync();
        await (await VoteAsync(absent.Client, session.Id, poll.Id, "o1")).ShouldFailAsync(HttpStatusCode.Forbidden, "not_joined");

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = viewer.Id }))).ShouldSucceedAsync();
        await (await VoteAsync(viewer.Client, session.Id, poll.Id, "o1")).ShouldFailAsync(HttpStatusCode.Forbidden, "banned");

        var (_, key) = await api.CreateApiKeyClientAsync("host");
        await (await VoteAsync(key, session.Id, poll.Id, "o1")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, (await ResultsAsync(host, session.Id, poll.Id)).TotalVoters);
    }

    [Fact]
    public async Task APrivateSessionsPollsAreNotFoundForStrangersAndUnknownPollsAreNotFound()
    {
        var (host, session) = await LiveSessionAsync("private");
        var poll = await CreatePollAsync(host, session.Id);
        var stranger = await api.CreateViewerAsync();
        var root = $"/v1/sessions/{session.Id}/polls";

        await (await stranger.Client.GetAsync(root)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await CreateAsync(stranger.Client, session.Id, ThreeAnswers)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await VoteAsync(stranger.Client, session.Id, poll.Id, "o1")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.GetAsync($"{root}/{poll.Id}/results")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

        var unknown = Guid.NewGuid();
        await (await host.Client.GetAsync($"{root}/{unknown}/results")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.PostAsync($"{root}/{unknown}/close", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await JoinAsync(host.Client, session.Id);
        await (await VoteAsync(host.Client, session.Id, unknown, "o1")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.GetAsync($"/v1/sessions/{Guid.NewGuid()}/polls")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

        // A poll is found only under its own session.
        var (otherHost, otherSession) = await LiveSessionAsync();
        await JoinAsync(otherHost.Client, otherSession.Id);
        await (await otherHost.Client.GetAsync($"/v1/sessions/{otherSession.Id}/polls/{poll.Id}/results")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await VoteAsync(otherHost.Client, otherSession.Id, poll.Id, "o1")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await otherHost.Client.PostAsync($"/v1/sessions/{otherSession.Id}/polls/{poll.Id}/close", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task PollsOffInTheSettingsOrASessionNotLiveAreConflicts()
    {
        var (host, session) = await LiveSessionAsync(settings: new { PollsEnabled = false });
        await (await CreateAsync(host.Client, session.Id, ThreeAnswers)).ShouldFailAsync(HttpStatusCode.Conflict, "polls_disabled");

        var (scheduledHost, _, scheduled) = await api.CreateHostWithSessionAsync();
        var error = await (await CreateAsync(scheduledHost.Client, scheduled.Id, ThreeAnswers)).ShouldFailAsync(HttpStatusCode.Conflict, "session_not_live");
        Assert.Equal("scheduled", error.MessageOf("state"));

        var (endingHost, ending) = await LiveSessionAsync();
        var poll = await CreatePollAsync(endingHost, ending.Id);
        await JoinAsync(endingHost.Client, ending.Id);
        await (await endingHost.Client.PostAsync($"/v1/sessions/{ending.Id}/end", null)).ShouldSucceedAsync();
        await (await VoteAsync(endingHost.Client, ending.Id, poll.Id, "o1")).ShouldFailAsync(HttpStatusCode.Conflict, "session_not_live");
        Assert.Equal(0, (await ResultsAsync(endingHost, ending.Id, poll.Id)).TotalVoters);
    }

    [Fact]
    public async Task ASessionHoldsAtMostAHundredPolls()
    {
        var (host, session) = await LiveSessionAsync();
        var created = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            CreateAsync(host.Client, session.Id, new { Question = $"Poll {i}?", Options = new[] { "Yes", "No" } })));
        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var error = await (await CreateAsync(host.Client, session.Id, ThreeAnswers)).ShouldFailAsync(HttpStatusCode.Conflict, "too_many_polls");
        Assert.Equal("100", error.MessageOf("max_polls"));
        var page = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/polls?limit=100")).ShouldSucceedAsync<ListDto<PollDto>>();
        Assert.Equal(100, page.Items.DistinctBy(p => p.Id).Count());
    }

    [Fact]
    public async Task AHundredConcurrentVotesOfOnePersonCountOnce()
    {
        var (host, session) = await LiveSessionAsync();
        var poll = await CreatePollAsync(host, session.Id);
        var viewer = await api.CreateViewerAsync();
        await JoinAsync(viewer.Client, session.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => VoteAsync(viewer.Client, session.Id, poll.Id, $"o{i % 3 + 1}")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.ShouldFailAsync(HttpStatusCode.Conflict, "already_voted");
        }

        var results = await ResultsAsync(host, session.Id, poll.Id);
        Assert.Equal((1, 1), (results.TotalVoters, results.Options.Sum(o => o.Votes)));
    }

    [Fact]
    public async Task AThousandConcurrentVotersAreCountedExactly()
    {
        var (host, session) = await LiveSessionAsync();
        var poll = await CreatePollAsync(host, session.Id);
        var voters = Enumerable.Range(0, 1000).Select(i => (Token: Tokens.ForViewer(Guid.NewGuid(), session.LibraryId, $"Voter {i}"), Choice: $"o{i % 3 + 1}")).ToList();
        var client = api.CreateClient();
        foreach (var chunk in voters.Chunk(100))
        {
            var joins = await Task.WhenAll(chunk.Select(v => client.SendAsync(AsViewer(HttpMethod.Post, $"/v1/sessions/{session.Id}/join", v.Token))));
            Assert.All(joins, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }

        var votes = await Task.WhenAll(voters.Select(v => client.SendAsync(
            AsViewer(HttpMethod.Post, $"/v1/sessions/{session.Id}/polls/{poll.Id}/votes", v.Token, new { OptionIds = new[] { v.Choice } }))));

        Assert.All(votes, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var results = await ResultsAsync(host, session.Id, poll.Id);
        Assert.Equal(1000, results.TotalVoters);
        Assert.Equal([334, 333, 333], results.Options.Select(o => o.Votes));
    }
}
