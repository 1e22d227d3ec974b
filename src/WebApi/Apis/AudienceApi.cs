using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Audience;
using Roomcast.Grains.Audience;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>Getting into a session's LiveKit room: joining as who you are in it, or watching unseen as its host.</summary>
public static class AudienceApi
{
    public static IEndpointRouteBuilder MapAudienceApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var sessions = scope.Group(app, "/sessions/{sessionId}", "Sessions").RequireAuthorization(Policies.User);
            scope.Describe(sessions.MapPost("/join", JoinAsync), "JoinSession",
                    "Join a live session: a LiveKit token with the rights of your part in it (viewers watch; host and co-hosts publish)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(sessions.MapPost("/monitor_token", GetMonitorTokenAsync), "GetMonitorToken",
                    "Get a hidden, subscribe-only LiveKit token to monitor a live session (host or admin)")
                .ProducesErrors(400, 401, 403, 404, 409);
        }

        return app;
    }

    public static async Task<Ok<ApiResponse<JoinSessionResponse>>> JoinAsync(
        Guid sessionId, ClaimsPrincipal user, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var caller = api.Scope.Caller;
        var join = new AudienceJoin(caller.UserId, DisplayNameOf(user, caller), AttendeeRoles.Of(caller, session),
            session.State, session.Settings.MaxViewers);
        var admission = await api.Grains.Get<ISessionAudienceGrain>(sessionId).JoinAsync(join);
        return api.Envelope.Ok(JoinSessionResponse.From(sessionId, admission));
    }

    public static async Task<Ok<ApiResponse<JoinSessionResponse>>> GetMonitorTokenAsync(
        Guid sessionId, ClaimsPrincipal user, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.Manage);
        if (session.State != SessionState.Live)
        {
            throw AudienceErrors.NotLive(session.State);
        }

        var caller = api.Scope.Caller;
        var admission = await api.Grains.Get<ISessionAudienceGrain>(sessionId).MonitorAsync(caller.UserId, DisplayNameOf(user, caller));
        return api.Envelope.Ok(JoinSessionResponse.From(sessionId, admission));
    }

    /// <summary>The name shown to the room: the profile name in the caller's access token.</summary>
    internal static string DisplayNameOf(ClaimsPrincipal user, Caller caller) =>
        user.FindFirstValue(RoomcastClaims.Name) is { Length: > 0 } name ? name : caller.UserId.ToString();
}
