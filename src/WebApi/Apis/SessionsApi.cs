using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            MapRoomSessionRoutes(scope, scope.Group(app, "/rooms/{roomId}/sessions", "Sessions"));
            MapSessionRoutes(scope, scope.Group(app, "/sessions", "Sessions"));
        }

        return app;
    }

    private static void MapRoomSessionRoutes(ApiScope scope, RouteGroupBuilder rooms)
    {
        scope.Describe(rooms.MapGet("/", ListRoomSessionsAsync), "ListRoomSessions", "List sessions for a room")
            .ProducesErrors(400, 401, 404);
        scope.Describe(rooms.MapPost("/", CreateSessionAsync), "CreateSession", "Create a new session in a room (room owner or admin; preset_id, else the owner's default preset, fills the settings left out)")
            .ProducesErrors(400, 401, 403, 404);
    }

    private static void MapSessionRoutes(ApiScope scope, RouteGroupBuilder sessions)
    {
        scope.Describe(sessions.MapGet("/", ListSessionsAsync), "ListSessions", "List all sessions you may see (public ones, and your own)")
            .ProducesErrors(400, 401, 404);
        scope.Describe(sessions.MapGet("/live", ListLiveSessionsAsync), "ListLiveSessions", "List currently live sessions")
            .ProducesErrors(400, 401, 404);
        scope.Describe(sessions.MapGet("/stats", GetStatsAsync), "GetSessionStats",
                "Get dashboard stats of your sessions (admins: all, or one host's with host_id)")
            .RequireAuthorization(Policies.Host)
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(sessions.MapGet("/{sessionId}", GetSessionAsync), "GetSession", "Get session by ID")
            .ProducesErrors(400, 401, 404);
        scope.Describe(sessions.MapPatch("/{sessionId}", RenameSessionAsync), "UpdateSession",
                "Update a session: only name may change; read-only fields are rejected (host)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(sessions.MapDelete("/{sessionId}", DeleteSessionAsync), "DeleteSession", "Delete a session that is not live (host)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(sessions.MapPost("/{sessionId}/start", StartSessionAsync), "StartSession", "Start a session: scheduled -> live (host or co-host)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(sessions.MapPost("/{sessionId}/end", EndSessionAsync), "EndSession", "End a session: live -> ended (host or co-host)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(sessions.MapPost("/{sessionId}/cancel", CancelSessionAsync), "CancelSession", "Cancel a session: scheduled -> cancelled (host)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(sessions.MapPatch("/{sessionId}/schedule", RescheduleSessionAsync), "RescheduleSession",
                "Reschedule a session that has not started (host)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(sessions.MapPatch("/{sessionId}/settings", UpdateSettingsAsync), "UpdateSessionSettings",
                "Update session runtime settings (host or co-host)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(sessions.MapPost("/{sessionId}/video_state", BroadcastVideoStateAsync), "BroadcastVideoState",
                "Broadcast host video state change (host or co-host)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(sessions.MapPost("/{sessionId}/audio_state", BroadcastAudioStateAsync), "BroadcastAudioState",
                "Broadcast host audio state change (host or co-host)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(sessions.MapPost("/{sessionId}/heartbeat", HeartbeatAsync), "SessionHeartbeat",
                "Tell a live session its host is still there (host or co-host)")
            .ProducesErrors(400, 401, 403, 404, 409);
    }

    public static async Task<Ok<ApiResponse<ListResponse<SessionResponse>>>> ListRoomSessionsAsync(
        Guid roomId, [AsParameters] ListParameters list, [AsParameters] ApiServices api)
    {
        // The catalog row holds all the check needs (owner, visibility, library) and is written before the room grain
        // answers a change, so a listing calls no grain: one whose silo just died costs it nothing. Only a room the
        // catalog lacks (unknown, or a projection a crash left behind) asks the grain, which has the last word.
        var room = await api.Rooms.GetAsync(roomId) switch
        {
            { Deleted: false } row => row,
            { Deleted: true } => throw RoomcastException.NotFound("Room"),
            null => await api.Grains.Get<IRoomGrain>(roomId).GetAsync(),
        };
        await api.Access.RequireAsync(api.Scope, room, RoomPermission.View);
        var (query, page) = list.ToSessionQuery();
        return await ListAsync(VisibleTo(api.Scope, query with { RoomId = roomId }), page, api);
    }

    public static async Task<Created<ApiResponse<SessionResponse>>> CreateSessionAsync(
        Guid roomId, CreateSessionRequest request, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.Get<IRoomGrain>(roomId);
        var room = await grain.GetAsync();
        await api.Access.RequireAsync(api.Scope, room, RoomPermission.Manage);

        var type = request.ParseType();
        var (settings, maxDurationSeconds) = await SessionSettingsResolver.ResolveAsync(request, room, api.Scope.Caller, api.Grains);
        var command = new CreateSessionCommand(
            roomId,
            room.OwnerId,
            api.Scope.Caller.UserId,
            request.Name!.Trim(),
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description,
            type,
            ApiEnum.ParseOrNull<Visibility>(request.Visibility) ?? room.Visibility,
            request.ScheduledAt!.Value,
            settings,
            maxDurationSeconds,
            request.RemoveMedia ?? false,
            request.Product ?? "standard",
            room.LibraryId);
        var session = await grain.CreateSessionAsync(command);
        return api.Envelope.Created(api.Scope.PathOf($"/sessions/{session.Id}"), SessionResponse.From(session));
    }

    public static Task<Ok<ApiResponse<ListResponse<SessionResponse>>>> ListSessionsAsync(
        [AsParameters] ListParameters list, [AsParameters] ApiServices api)
    {
        var (query, page) = list.ToSessionQuery();
        return ListAsync(VisibleTo(api.Scope, query), page, api);
    }

    public static Task<Ok<ApiResponse<ListResponse<SessionResponse>>>> ListLiveSessionsAsync(
        [AsParameters] ListParameters list, [AsParameters] ApiServices api)
    {
        if (list.State is not null)
        {
            throw RoomcastException.Invalid("state", "is fixed to live on this route");
        }

        var (query, page) = list.ToSessionQuery();
        return ListAsync(VisibleTo(api.Scope, query with { States = new HashSet<SessionState> { SessionState.Live } }), page, api);
    }

    public static async Task<Ok<ApiResponse<SessionStatsResponse>>> GetStatsAsync(
        [AsParameters] ListParameters list, [AsParameters] ApiServices api)
    {
        var caller = api.Scope.Caller;
        var (query, _) = list.ToSessionQuery();
        if (query.HostId is not null && !caller.IsAdmin)
        {
            throw RoomcastException.Forbidden("Only admins may read another host's stats.");
        }

        var stats = await api.Sessions.GetStatsAsync(caller.IsAdmin ? query.HostId : caller.UserId, api.Scope.LibraryId);
        return api.Envelope.Ok(new SessionStatsResponse(stats.Total, stats.Scheduled, stats.Live, stats.Ended,
            stats.Cancelled, stats.Expired, stats.TotalLiveSeconds));
    }

    public static async Task<Ok<ApiResponse<SessionResponse>>> GetSessionAsync(
        Guid sessionId, HttpResponse response, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        ChangeSequenceHeader.Tag(response, session.ChangeSequence);
        return api.Envelope.Ok(SessionResponse.From(session));
    }

    public static Task<Ok<ApiResponse<SessionResponse>>> RenameSessionAsync(
        Guid sessionId, UpdateSessionRequest request, HttpContext http, [AsParameters] ApiServices api) =>
        ActAsync(sessionId, SessionPermission.Manage, http, api, request.ChangeSequence,
            (grain, expected) => grain.RenameAsync(request.Name!.Trim(), expected));

    public static async Task<Ok<ApiResponse<DeletedResponse>>> DeleteSessionAsync(
        Guid sessionId, HttpRequest request, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.Get<ISessionGrain>(sessionId);
        await api.Access.RequireAsync(api.Scope, await grain.GetAsync(), SessionPermission.Manage);
        await grain.DeleteAsync(ChangeSequenceHeader.Expected(request));
        return api.Envelope.Ok(new DeletedResponse(sessionId, Deleted: true));
    }

    public static Task<Ok<ApiResponse<SessionResponse>>> StartSessionAsync(
        Guid sessionId, HttpContext http, [AsParameters] ApiServices api) =>
        ActAsync(sessionId, SessionPermission.Run, http, api, null, (grain, expected) => grain.StartAsync(expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> EndSessionAsync(
        Guid sessionId, HttpContext http, [AsParameters] ApiServices api) =>
        ActAsync(sessionId, SessionPermission.Run, http, api, null, (grain, expected) => grain.EndAsync(expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> CancelSessionAsync(
        Guid sessionId, HttpContext http, [AsParameters] ApiServices api) =>
        ActAsync(sessionId, SessionPermission.Manage, http, api, null, (grain, expected) => grain.CancelAsync(expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> RescheduleSessionAsync(
        Guid sessionId, RescheduleSessionRequest request, HttpContext http, [AsParameters] ApiServices api) =>
        ActAsync(sessionId, SessionPermission.Manage, http, api, request.ChangeSequence,
            (grain, expected) => grain.RescheduleAsync(request.ScheduledAt!.Value, expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> UpdateSettingsAsync(
        Guid sessionId, SessionSettingsRequest request, HttpContext http, [AsParameters] ApiServices api) =>
        ActAsync(sessionId, SessionPermission.Run, http, api, request.ChangeSequence,
            (grain, expected) => grain.UpdateSettingsAsync(request.ToPatch(), expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> BroadcastVideoStateAsync(
        Guid sessionId, MediaStateRequest request, HttpContext http, [AsParameters] ApiServices api) =>
        BroadcastMediaStateAsync(MediaKind.Video, sessionId, request, http, api);

    public static Task<Ok<ApiResponse<SessionResponse>>> BroadcastAudioStateAsync(
        Guid sessionId, MediaStateRequest request, HttpContext http, [AsParameters] ApiServices api) =>
        BroadcastMediaStateAsync(MediaKind.Audio, sessionId, request, http, api);

    public static async Task<Ok<ApiResponse<HealthCheckResponse>>> HeartbeatAsync(
        Guid sessionId, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.Get<ISessionGrain>(sessionId);
        await api.Access.RequireAsync(api.Scope, await grain.GetAsync(), SessionPermission.Run);
        var health = await grain.HeartbeatAsync();
        return api.Envelope.Ok(new HealthCheckResponse(ApiEnum.Name(health.Status), health.LastCheckAt, health.LastHostSignalAt, health.Reason));
    }

    /// <summary>
    /// The shape of every session action: load, authorize the caller's part in the session, act with the
    /// expected change sequence, answer with the new state.
    /// </summary>
    private static Task<Ok<ApiResponse<SessionResponse>>> ActAsync(
        Guid sessionId, SessionPermission permission, HttpContext http, ApiServices api, long? bodyChangeSequence,
        Func<ISessionGrain, long?, Task<SessionSnapshot>> action) =>
        ActAsync(sessionId, permission, http, api, bodyChangeSequence, (grain, _, expected) => action(grain, expected), SessionResponse.From);

    /// <summary>The same shape, for actions that need the session as it was and answer with another view of it.</summary>
    internal static async Task<Ok<ApiResponse<TResponse>>> ActAsync<TResponse>(
        Guid sessionId, SessionPermission permission, HttpContext http, ApiServices api, long? bodyChangeSequence,
        Func<ISessionGrain, SessionSnapshot, long?, Task<SessionSnapshot>> action, Func<SessionSnapshot, TResponse> respond)
    {
        var grain = api.Grains.Get<ISessionGrain>(sessionId);
        var current = await grain.GetAsync();
        await api.Access.RequireAsync(api.Scope, current, permission);
        var session = await action(grain, current, ChangeSequenceHeader.Expected(http.Request, bodyChangeSequence));
        ChangeSequenceHeader.Tag(http.Response, session.ChangeSequence);
        return api.Envelope.Ok(respond(session));
    }

    private static Task<Ok<ApiResponse<SessionResponse>>> BroadcastMediaStateAsync(
        MediaKind kind, Guid sessionId, MediaStateRequest request, HttpContext http, ApiServices api) =>
        ActAsync(sessionId, SessionPermission.Run, http, api, null,
            (grain, _) => grain.ChangeHostMediaAsync(new MediaStateChange(kind, request.Enabled!.Value, request.Device, request.Name)));

    private static async Task<Ok<ApiResponse<ListResponse<SessionResponse>>>> ListAsync(SessionQuery query, PageRequest page, ApiServices api)
    {
        var sessions = await api.Sessions.ListAsync(query, page);
        return api.Envelope.Ok(ListResponse<SessionResponse>.From(sessions, page.Limit, SessionResponse.From));
    }

    /// <summary>Confined to the request's library; admins see every session in it, others public ones and those they host or hold a role in.</summary>
    private static SessionQuery VisibleTo(RequestScope scope, SessionQuery query)
    {
        var scoped = query with { LibraryId = scope.LibraryId };
        return scope.Caller.IsAdmin ? scoped : scoped with { Visibility = Visibility.Public, OrMemberId = scope.Caller.UserId };
    }
}
