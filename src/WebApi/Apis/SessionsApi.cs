using System.Security.Claims;
using System.Text.Json;
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
        var rooms = app.MapGroup("/v1/rooms/{roomId}/sessions").WithTags("Sessions")
            .RequireAuthorization()
            .AddEndpointFilter<RequestValidationFilter>();

        rooms.MapGet("/", ListRoomSessionsAsync)
            .WithName("ListRoomSessions").WithSummary("List sessions for a room")
            .ProducesErrors(400, 401, 404);
        rooms.MapPost("/", CreateSessionAsync)
            .WithName("CreateSession").WithSummary("Create a new session in a room (room owner or admin)")
            .ProducesErrors(400, 401, 403, 404);

        var sessions = app.MapGroup("/v1/sessions").WithTags("Sessions")
            .RequireAuthorization()
            .AddEndpointFilter<RequestValidationFilter>();

        sessions.MapGet("/", ListSessionsAsync)
            .WithName("ListSessions").WithSummary("List all sessions you may see (public ones, and your own)")
            .ProducesErrors(400, 401);
        sessions.MapGet("/live", ListLiveSessionsAsync)
            .WithName("ListLiveSessions").WithSummary("List currently live sessions")
            .ProducesErrors(400, 401);
        sessions.MapGet("/stats", GetStatsAsync)
            .RequireAuthorization(Policies.Host)
            .WithName("GetSessionStats").WithSummary("Get dashboard stats of your sessions (admins: all, or one host's with host_id)")
            .ProducesErrors(400, 401, 403);
        sessions.MapGet("/{sessionId}", GetSessionAsync)
            .WithName("GetSession").WithSummary("Get session by ID")
            .ProducesErrors(400, 401, 404);
        sessions.MapPatch("/{sessionId}", RenameSessionAsync)
            .Accepts<SessionRenameDocument>("application/json")
            .WithName("UpdateSession").WithSummary("Update a session: only name may change; read-only fields are rejected")
            .ProducesErrors(400, 401, 403, 404, 409);
        sessions.MapDelete("/{sessionId}", DeleteSessionAsync)
            .WithName("DeleteSession").WithSummary("Delete a session that is not live")
            .ProducesErrors(400, 401, 403, 404, 409);
        sessions.MapPost("/{sessionId}/start", StartSessionAsync)
            .WithName("StartSession").WithSummary("Start a session: scheduled -> live")
            .ProducesErrors(400, 401, 403, 404, 409);
        sessions.MapPost("/{sessionId}/end", EndSessionAsync)
            .WithName("EndSession").WithSummary("End a session: live -> ended")
            .ProducesErrors(400, 401, 403, 404, 409);
        sessions.MapPost("/{sessionId}/cancel", CancelSessionAsync)
            .WithName("CancelSession").WithSummary("Cancel a session: scheduled -> cancelled")
            .ProducesErrors(400, 401, 403, 404, 409);
        sessions.MapPatch("/{sessionId}/schedule", RescheduleSessionAsync)
            .WithName("RescheduleSession").WithSummary("Reschedule a session that has not started")
            .ProducesErrors(400, 401, 403, 404, 409);
        sessions.MapPatch("/{sessionId}/settings", UpdateSettingsAsync)
            .WithName("UpdateSessionSettings").WithSummary("Update session runtime settings")
            .ProducesErrors(400, 401, 403, 404, 409);
        sessions.MapPost("/{sessionId}/video_state", BroadcastVideoStateAsync)
            .WithName("BroadcastVideoState").WithSummary("Broadcast host video state change")
            .ProducesErrors(400, 401, 403, 404, 409);
        sessions.MapPost("/{sessionId}/audio_state", BroadcastAudioStateAsync)
            .WithName("BroadcastAudioState").WithSummary("Broadcast host audio state change")
            .ProducesErrors(400, 401, 403, 404, 409);
        sessions.MapPost("/{sessionId}/heartbeat", HeartbeatAsync)
            .WithName("SessionHeartbeat").WithSummary("Tell a live session its host is still there")
            .ProducesErrors(400, 401, 403, 404, 409);

        return app;
    }

    public static async Task<Ok<ApiResponse<ListResponse<SessionResponse>>>> ListRoomSessionsAsync(
        Guid roomId, ClaimsPrincipal user, [AsParameters] ListParameters list, [AsParameters] ApiServices api)
    {
        var room = await api.Grains.GetGrain<IRoomGrain>(roomId).GetAsync();
        await api.Access.RequireViewerAsync(user, room);
        var (query, page) = list.ToSessionQuery();
        query = VisibleTo(Caller.From(user), query with { RoomId = roomId });
        return await ListAsync(query, page, api);
    }

    public static async Task<Created<ApiResponse<SessionResponse>>> CreateSessionAsync(
        Guid roomId, CreateSessionRequest request, ClaimsPrincipal user, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.GetGrain<IRoomGrain>(roomId);
        var room = await grain.GetAsync();
        await api.Access.RequireOwnerAsync(user, room);

        var type = request.ParsedType;
        var defaults = SessionSettings.DefaultsFor(type);
        var settings = request.Settings is { } s
            ? new SessionSettingsPatch(s.ChatEnabled, s.PollsEnabled, s.HandRaiseEnabled, s.RecordingEnabled, s.MaxStageParticipants).ApplyTo(defaults)
            : defaults;
        var command = new CreateSessionCommand(
            roomId,
            room.OwnerId,
            Caller.From(user).UserId,
            request.Name!.Trim(),
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description,
            type,
            ApiEnum.ParseOrNull<Visibility>(request.Visibility) ?? room.Visibility,
            request.ScheduledAt!.Value,
            settings,
            request.MaxDurationSeconds,
            request.RemoveMedia ?? false,
            request.Product ?? "standard");
        var session = await grain.CreateSessionAsync(command);
        return api.Envelope.Created($"/v1/sessions/{session.Id}", SessionResponse.From(session));
    }

    public static Task<Ok<ApiResponse<ListResponse<SessionResponse>>>> ListSessionsAsync(
        ClaimsPrincipal user, [AsParameters] ListParameters list, [AsParameters] ApiServices api)
    {
        var (query, page) = list.ToSessionQuery();
        return ListAsync(VisibleTo(Caller.From(user), query), page, api);
    }

    public static Task<Ok<ApiResponse<ListResponse<SessionResponse>>>> ListLiveSessionsAsync(
        ClaimsPrincipal user, [AsParameters] ListParameters list, [AsParameters] ApiServices api)
    {
        if (list.State is not null)
        {
            throw RoomcastException.Invalid("state", "is fixed to live on this route");
        }

        var (query, page) = list.ToSessionQuery();
        return ListAsync(VisibleTo(Caller.From(user), query with { States = new HashSet<SessionState> { SessionState.Live } }), page, api);
    }

    public static async Task<Ok<ApiResponse<SessionStatsResponse>>> GetStatsAsync(
        ClaimsPrincipal user, [AsParameters] ListParameters list, [AsParameters] ApiServices api)
    {
        var caller = Caller.From(user);
        var (query, _) = list.ToSessionQuery();
        if (query.HostId is not null && !caller.IsAdmin)
        {
            throw RoomcastException.Forbidden("Only admins may read another host's stats.");
        }

        var stats = await api.Sessions.GetStatsAsync(caller.IsAdmin ? query.HostId : caller.UserId);
        return api.Envelope.Ok(new SessionStatsResponse(stats.Total, stats.Scheduled, stats.Live, stats.Ended,
            stats.Cancelled, stats.Expired, stats.TotalLiveSeconds));
    }

    public static async Task<Ok<ApiResponse<SessionResponse>>> GetSessionAsync(
        Guid sessionId, ClaimsPrincipal user, HttpResponse response, [AsParameters] ApiServices api)
    {
        var session = await api.Grains.GetGrain<ISessionGrain>(sessionId).GetAsync();
        await api.Access.RequireViewerAsync(user, session);
        ChangeSequenceHeader.Tag(response, session.ChangeSequence);
        return api.Envelope.Ok(SessionResponse.From(session));
    }

    public static Task<Ok<ApiResponse<SessionResponse>>> RenameSessionAsync(
        Guid sessionId, JsonElement body, ClaimsPrincipal user, HttpContext http, [AsParameters] ApiServices api)
    {
        var patch = SessionPatchBody.Parse(body);
        return AsOwnerAsync(sessionId, user, http, api, patch.ChangeSequence,
            (grain, expected) => grain.RenameAsync(patch.Name.Trim(), expected));
    }

    public static async Task<Ok<ApiResponse<DeletedResponse>>> DeleteSessionAsync(
        Guid sessionId, ClaimsPrincipal user, HttpRequest request, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.GetGrain<ISessionGrain>(sessionId);
        await api.Access.RequireOwnerAsync(user, await grain.GetAsync());
        await grain.DeleteAsync(ChangeSequenceHeader.Expected(request));
        return api.Envelope.Ok(new DeletedResponse(sessionId, Deleted: true));
    }

    public static Task<Ok<ApiResponse<SessionResponse>>> StartSessionAsync(
        Guid sessionId, ClaimsPrincipal user, HttpContext http, [AsParameters] ApiServices api) =>
        AsOwnerAsync(sessionId, user, http, api, null, (grain, expected) => grain.StartAsync(expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> EndSessionAsync(
        Guid sessionId, ClaimsPrincipal user, HttpContext http, [AsParameters] ApiServices api) =>
        AsOwnerAsync(sessionId, user, http, api, null, (grain, expected) => grain.EndAsync(expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> CancelSessionAsync(
        Guid sessionId, ClaimsPrincipal user, HttpContext http, [AsParameters] ApiServices api) =>
        AsOwnerAsync(sessionId, user, http, api, null, (grain, expected) => grain.CancelAsync(expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> RescheduleSessionAsync(
        Guid sessionId, RescheduleSessionRequest request, ClaimsPrincipal user, HttpContext http, [AsParameters] ApiServices api) =>
        AsOwnerAsync(sessionId, user, http, api, request.ChangeSequence,
            (grain, expected) => grain.RescheduleAsync(request.ScheduledAt!.Value, expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> UpdateSettingsAsync(
        Guid sessionId, SessionSettingsRequest request, ClaimsPrincipal user, HttpContext http, [AsParameters] ApiServices api) =>
        AsOwnerAsync(sessionId, user, http, api, request.ChangeSequence,
            (grain, expected) => grain.UpdateSettingsAsync(request.ToPatch(), expected));

    public static Task<Ok<ApiResponse<SessionResponse>>> BroadcastVideoStateAsync(
        Guid sessionId, MediaStateRequest request, ClaimsPrincipal user, HttpContext http, [AsParameters] ApiServices api) =>
        BroadcastMediaStateAsync(MediaKind.Video, sessionId, request, user, http, api);

    public static Task<Ok<ApiResponse<SessionResponse>>> BroadcastAudioStateAsync(
        Guid sessionId, MediaStateRequest request, ClaimsPrincipal user, HttpContext http, [AsParameters] ApiServices api) =>
        BroadcastMediaStateAsync(MediaKind.Audio, sessionId, request, user, http, api);

    public static async Task<Ok<ApiResponse<HealthCheckResponse>>> HeartbeatAsync(
        Guid sessionId, ClaimsPrincipal user, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.GetGrain<ISessionGrain>(sessionId);
        await api.Access.RequireOwnerAsync(user, await grain.GetAsync());
        var health = await grain.HeartbeatAsync();
        return api.Envelope.Ok(new HealthCheckResponse(ApiEnum.Name(health.Status), health.LastCheckAt, health.LastHostSignalAt, health.Reason));
    }

    /// <summary>The shape of every host action: load, authorize as host, act with the expected change sequence, answer with the new state.</summary>
    private static async Task<Ok<ApiResponse<SessionResponse>>> AsOwnerAsync(
        Guid sessionId, ClaimsPrincipal user, HttpContext http, ApiServices api, long? bodyChangeSequence,
        Func<ISessionGrain, long?, Task<SessionSnapshot>> action)
    {
        var grain = api.Grains.GetGrain<ISessionGrain>(sessionId);
        await api.Access.RequireOwnerAsync(user, await grain.GetAsync());
        var session = await action(grain, ChangeSequenceHeader.Expected(http.Request, bodyChangeSequence));
        ChangeSequenceHeader.Tag(http.Response, session.ChangeSequence);
        return api.Envelope.Ok(SessionResponse.From(session));
    }

    private static Task<Ok<ApiResponse<SessionResponse>>> BroadcastMediaStateAsync(
        MediaKind kind, Guid sessionId, MediaStateRequest request, ClaimsPrincipal user, HttpContext http, ApiServices api) =>
        AsOwnerAsync(sessionId, user, http, api, null,
            (grain, _) => grain.ChangeHostMediaAsync(new MediaStateChange(kind, request.Enabled!.Value, request.Device, request.Name)));

    private static async Task<Ok<ApiResponse<ListResponse<SessionResponse>>>> ListAsync(SessionQuery query, PageRequest page, ApiServices api)
    {
        var sessions = await api.Sessions.ListAsync(query, page);
        return api.Envelope.Ok(ListResponse<SessionResponse>.From(sessions, page.Limit, SessionResponse.From));
    }

    /// <summary>Admins see everything; others see public sessions and their own.</summary>
    private static SessionQuery VisibleTo(Caller caller, SessionQuery query) =>
        caller.IsAdmin ? query : query with { Visibility = Visibility.Public, OrHostId = caller.UserId };
}
