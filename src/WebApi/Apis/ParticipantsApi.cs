using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>Co-hosts and moderators of a session (seed 003 "Participants").</summary>
public static class ParticipantsApi
{
    public static IEndpointRouteBuilder MapParticipantsApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var group = scope.Group(app, "/sessions/{sessionId}", "Participants");
            scope.Describe(group.MapGet("/participants", GetParticipantsAsync), "GetSessionParticipants",
                    "Get session participants (co-hosts, moderators)")
                .ProducesErrors(400, 401, 404);
            scope.Describe(group.MapPost("/co_hosts", AddCoHostAsync), "AddCoHost", "Add a co-host to a session (host)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(group.MapDelete("/co_hosts/{userId}", RemoveCoHostAsync), "RemoveCoHost", "Remove a co-host from a session (host)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(group.MapPost("/moderators", AddModeratorAsync), "AddModerator", "Add a moderator to a session (host)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(group.MapDelete("/moderators/{userId}", RemoveModeratorAsync), "RemoveModerator", "Remove a moderator from a session (host)")
                .ProducesErrors(400, 401, 403, 404, 409);
        }

        return app;
    }

    public static async Task<Ok<ApiResponse<SessionParticipantsResponse>>> GetParticipantsAsync(
        Guid sessionId, HttpResponse response, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        ChangeSequenceHeader.Tag(response, session.ChangeSequence);
        return api.Envelope.Ok(SessionParticipantsResponse.From(session));
    }

    public static Task<Ok<ApiResponse<SessionParticipantsResponse>>> AddCoHostAsync(
        Guid sessionId, AddParticipantRequest request, HttpContext http, [AsParameters] ApiServices api) =>
        AddAsync(SessionRole.CoHost, sessionId, request, http, api);

    public static Task<Ok<ApiResponse<SessionParticipantsResponse>>> AddModeratorAsync(
        Guid sessionId, AddParticipantRequest request, HttpContext http, [AsParameters] ApiServices api) =>
        AddAsync(SessionRole.Moderator, sessionId, request, http, api);

    public static Task<Ok<ApiResponse<SessionParticipantsResponse>>> RemoveCoHostAsync(
        Guid sessionId, Guid userId, HttpContext http, [AsParameters] ApiServices api) =>
        ChangeAsync(sessionId, http, api, null, (grain, _, expected) => grain.RemoveParticipantAsync(userId, SessionRole.CoHost, expected));

    public static Task<Ok<ApiResponse<SessionParticipantsResponse>>> RemoveModeratorAsync(
        Guid sessionId, Guid userId, HttpContext http, [AsParameters] ApiServices api) =>
        ChangeAsync(sessionId, http, api, null, (grain, _, expected) => grain.RemoveParticipantAsync(userId, SessionRole.Moderator, expected));

    private static Task<Ok<ApiResponse<SessionParticipantsResponse>>> AddAsync(
        SessionRole role, Guid sessionId, AddParticipantRequest request, HttpContext http, ApiServices api) =>
        ChangeAsync(sessionId, http, api, request.ChangeSequence, async (grain, session, expected) =>
        {
            var userId = request.UserId!.Value;
            var user = await api.Grains.Get<IUserGrain>(userId).FindAsync();
            if (user is null || user.LibraryId != session.LibraryId)
            {
                throw RoomcastException.Invalid("user_id", "names no user of the session's library");
            }

            return await grain.AddParticipantAsync(userId, role, expected);
        });

    /// <summary>Every role change is the host's (manage) action on the session, answered with the participant list.</summary>
    private static Task<Ok<ApiResponse<SessionParticipantsResponse>>> ChangeAsync(
        Guid sessionId, HttpContext http, ApiServices api, long? bodyChangeSequence,
        Func<ISessionGrain, SessionSnapshot, long?, Task<SessionSnapshot>> change) =>
        SessionsApi.ActAsync(sessionId, SessionPermission.Manage, http, api, bodyChangeSequence, change, SessionParticipantsResponse.From);
}
