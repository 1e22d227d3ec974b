using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Audience;
using Roomcast.Grains.Catalog;
using Roomcast.Grains.Polls;
using Roomcast.Polls;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// Polls in a live session (seed 003 "Polls"): moderators and up ask and close, people present in the session vote
/// once each, everyone who sees the session reads the counts. Voters are never listed.
/// </summary>
public static class PollsApi
{
    public static IEndpointRouteBuilder MapPollsApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var polls = scope.Group(app, "/sessions/{sessionId}/polls", "Polls");
            scope.Describe(polls.MapGet("/", ListPollsAsync), "GetPolls", "Get a session's polls with their counts, newest first")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(polls.MapPost("/", CreatePollAsync), "CreatePoll",
                    "Ask a poll in a live session with polls enabled (host, co-host or moderator; at most 100 per session)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(polls.MapPost("/{pollId}/votes", VoteAsync), "VoteInPoll",
                    "Vote in an open poll, once, as a person present in the session (join it first)")
                .RequireAuthorization(Policies.User)
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(polls.MapGet("/{pollId}/results", GetResultsAsync), "GetPollResults",
                    "Get a poll's results: exact counts per answer, the number of voters, and whether it is closed (never who voted)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(polls.MapPost("/{pollId}/close", ClosePollAsync), "ClosePoll",
                    "Close a poll (host, co-host or moderator; idempotent): no more votes, final counts")
                .ProducesErrors(400, 401, 403, 404);
        }

        return app;
    }

    public static async Task<Ok<ApiResponse<ListResponse<PollResponse>>>> ListPollsAsync(
        Guid sessionId, [AsParameters] PageParameters paging, [AsParameters] ApiServices api)
    {
        var page = paging.ToPageRequest();
        await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var entries = await api.Grains.Get<ISessionPollsGrain>(sessionId).ListAsync();
        var result = KeysetPager.Paginate(entries, e => new CatalogCursor(e.CreatedAt, e.PollId), page);
        var polls = await Task.WhenAll(result.Items.Select(e => api.Grains.Get<IPollGrain>(e.PollId).GetAsync()));
        var pollPage = new Page<PollSnapshot>(polls, result.NextCursor, result.PreviousCursor);
        return api.Envelope.Ok(ListResponse<PollResponse>.From(pollPage, page.Limit, PollResponse.From));
    }

    public static async Task<Created<ApiResponse<PollResponse>>> CreatePollAsync(
        Guid sessionId, CreatePollRequest request, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.Moderate);
        RequireLive(session);
        if (!session.Settings.PollsEnabled)
        {
            throw PollErrors.Disabled();
        }

        var command = request.ToCommand(Guid.NewGuid(), sessionId, api.Scope.Caller.UserId);
        var poll = await api.Grains.Get<ISessionPollsGrain>(sessionId).CreateAsync(command);
        return api.Envelope.Created(api.Scope.PathOf($"/sessions/{sessionId}/polls/{poll.PollId}/results"), PollResponse.From(poll));
    }

    public static async Task<Ok<ApiResponse<PollResultsResponse>>> VoteAsync(
        Guid sessionId, Guid pollId, VotePollRequest request, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        RequireLive(session);
        var voter = api.Scope.Caller.UserId;
        AudienceErrors.Require(await api.Grains.Get<ISessionAudienceGrain>(sessionId).GetStandingAsync(voter), PollErrors.NotJoined);

        var poll = await api.Grains.Get<IPollGrain>(pollId).VoteAsync(new PollBallot(sessionId, voter, request.ToOptionIds()));
        return api.Envelope.Ok(PollResultsResponse.From(poll));
    }

    public static async Task<Ok<ApiResponse<PollResultsResponse>>> GetResultsAsync(Guid sessionId, Guid pollId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var poll = await api.Grains.Get<IPollGrain>(pollId).GetAsync();
        if (poll.SessionId != sessionId)
        {
            throw RoomcastException.NotFound("Poll");
        }

        return api.Envelope.Ok(PollResultsResponse.From(poll));
    }

    public static async Task<Ok<ApiResponse<PollResponse>>> ClosePollAsync(Guid sessionId, Guid pollId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Moderate);
        var poll = await api.Grains.Get<IPollGrain>(pollId).CloseAsync(sessionId);
        return api.Envelope.Ok(PollResponse.From(poll));
    }

    private static void RequireLive(SessionSnapshot session)
    {
        if (session.State != SessionState.Live)
        {
            throw AudienceErrors.NotLive(session.State);
        }
    }

}
