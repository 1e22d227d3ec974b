using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Grains.Catalog;
using Roomcast.Identity;
using Roomcast.LiveKit;
using Roomcast.Sessions;
using Roomcast.Stage;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>Keeping people out of a session (seed 003 "Moderation"): hosts, co-hosts and moderators ban those below them.</summary>
public static class BansApi
{
    public static IEndpointRouteBuilder MapBansApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var bans = scope.Group(app, "/sessions/{sessionId}/bans", "Moderation");
            scope.Describe(bans.MapPost("/", BanAsync), "BanParticipant",
                    "Ban a participant (host, co-host or moderator; idempotent): closes their attendance and removes them from the LiveKit room")
                .ProducesErrors(400, 401, 403, 404, 503);
            scope.Describe(bans.MapDelete("/{userId}", UnbanAsync), "UnbanParticipant", "Unban a participant (host, co-host or moderator)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(bans.MapGet("/", ListBansAsync), "GetBannedParticipants",
                    "Get the bans in force, newest first (host, co-host or moderator)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(bans.MapGet("/me", GetMyBanAsync), "GetMyBanStatus", "Check whether you are banned from a session")
                .RequireAuthorization(Policies.User)
                .ProducesErrors(400, 401, 403, 404);
        }

        return app;
    }

    public static async Task<Ok<ApiResponse<BannedParticipantResponse>>> BanAsync(
        Guid sessionId, BanParticipantRequest request, ILiveKitRoomService liveKit, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.Moderate);
        var target = request.UserId!.Value;
        if (target == session.HostId)
        {
            throw RoomcastException.Invalid("user_id", "is the session's host, who cannot be banned");
        }

        var user = await api.Grains.Get<IUserGrain>(target).FindAsync();
        if (user is null || user.LibraryId != session.LibraryId)
        {
            throw RoomcastException.Invalid("user_id", "names no user of the session's library");
        }

        var banner = AttendeeRoles.Of(api.Scope.Caller, session);
        var standing = AttendeeRoles.Of(target, session);
        if (AttendeeRoles.StandingOf(standing) >= AttendeeRoles.StandingOf(banner))
        {
            throw RoomcastException.Forbidden($"A {ApiEnum.Name(banner)} cannot ban a {ApiEnum.Name(standing)} of this session.");
        }

        var duration = request.DurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var ban = await api.Grains.Get<ISessionAudienceGrain>(sessionId)
            .BanAsync(new BanCommand(target, reason, api.Scope.Caller.UserId, duration));

        // Off the stage too (the stage grain refuses a banned member's token anyway; this keeps the list true).
        await api.Grains.Get<ISessionStageGrain>(sessionId).RemoveAsync(target);

        // The ban holds from here (no token is issued to them any more); this ends a connection they already have.
        // LiveKit down is a 503 the caller retries: banning again is harmless.
        await liveKit.RemoveParticipantAsync(LiveKitRoomNames.ForSession(sessionId), target.ToString());
        return api.Envelope.Ok(BannedParticipantResponse.From(ban));
    }

    public static async Task<Ok<ApiResponse<UnbannedResponse>>> UnbanAsync(Guid sessionId, Guid userId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Moderate);
        await api.Grains.Get<ISessionAudienceGrain>(sessionId).UnbanAsync(userId);
        return api.Envelope.Ok(new UnbannedResponse(sessionId, userId, Unbanned: true));
    }

    public static async Task<Ok<ApiResponse<ListResponse<BannedParticipantResponse>>>> ListBansAsync(
        Guid sessionId, [AsParameters] PageParameters paging, [AsParameters] ApiServices api)
    {
        var page = paging.ToPageRequest();
        await api.RequireSessionAsync(sessionId, SessionPermission.Moderate);
        var bans = await api.Grains.Get<ISessionAudienceGrain>(sessionId).GetBansAsync();
        var result = KeysetPager.Paginate(bans, b => new CatalogCursor(b.BannedAt, b.UserId), page);
        return api.Envelope.Ok(ListResponse<BannedParticipantResponse>.From(result, page.Limit, BannedParticipantResponse.From));
    }

    public static async Task<Ok<ApiResponse<BanStatusResponse>>> GetMyBanAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var ban = await api.Grains.Get<ISessionAudienceGrain>(sessionId).FindBanAsync(api.Scope.Caller.UserId);
        return api.Envelope.Ok(new BanStatusResponse(sessionId, ban is not null, ban is null ? null : BannedParticipantResponse.From(ban)));
    }

}
