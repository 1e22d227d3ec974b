using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Grains.Stage;
using Roomcast.LiveKit;
using Roomcast.Sessions;
using Roomcast.Stage;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// The stage (seed 003 "Stage" and "Stage Management"): people present raise a hand or ask to come up; the host side
/// decides. Who publishes is a broadcast decision, so approving, rejecting, adding, changing and removing need
/// <see cref="SessionPermission.Run"/> (host, co-hosts, admins), like start and media state; moderators (Moderate)
/// may read the pending hands and requests, to triage them, but not put anyone on air.
/// </summary>
public static class StageApi
{
    public static IEndpointRouteBuilder MapStageApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var stage = scope.Group(app, "/sessions/{sessionId}/stage", "Stage").RequireAuthorization(Policies.User);
            scope.Describe(stage.MapPost("/hand", RaiseHandAsync), "RaiseHand",
                    "Raise your hand (present, unbanned, live session with hand raising on; idempotent)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(stage.MapDelete("/hand", LowerHandAsync), "LowerHand", "Lower your hand (idempotent)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(stage.MapGet("/hand", GetHandAsync), "GetHandStatus", "Get whether your hand is raised and whether you are on the stage")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(stage.MapGet("/participants", GetStageAsync), "GetStageParticipants",
                    "Get who is on the stage and what each may publish (the host is always on it and not listed)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(stage.MapPost("/leave", LeaveStageAsync), "LeaveStage",
                    "Leave the stage: your publishing is revoked in the LiveKit room (idempotent; 503 when LiveKit is down: retry)")
                .ProducesErrors(400, 401, 403, 404, 503);
            scope.Describe(stage.MapPost("/token", GetStageTokenAsync), "GetStageToken",
                    "Get a LiveKit token that publishes exactly your stage permissions (stage members present and unbanned, and the host, who is always on it)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(stage.MapPost("/requests", CreateRequestAsync), "RequestStage",
                    "Ask to join the stage, with an optional message (present, unbanned, live session; a pending request is answered again)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(stage.MapGet("/requests/mine", GetMyRequestsAsync), "GetMyStageRequests",
                    "Get your requests to join the stage and their decisions, newest first")
                .ProducesErrors(400, 401, 403, 404);

            var manage = scope.Group(app, "/sessions/{sessionId}/stage", "Stage Management");
            scope.Describe(manage.MapPost("/participants", AddParticipantAsync), "AddStageParticipant",
                    "Put someone present on the stage with the given permissions (default audio and video, no screen share; host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(manage.MapPatch("/participants/{userId}", UpdateParticipantAsync), "UpdateStageParticipant",
                    "Change what a stage member may publish; applied to their LiveKit connection at once (host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404, 503);
            scope.Describe(manage.MapDelete("/participants/{userId}", RemoveParticipantAsync), "RemoveStageParticipant",
                    "Take someone off the stage and revoke their publishing in the LiveKit room (idempotent; host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404, 503);
            scope.Describe(manage.MapGet("/requests", GetPendingRequestsAsync), "GetStageRequests",
                    "Get the pending requests to join the stage, oldest first (host, co-host, moderator or admin)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(manage.MapPost("/requests/{requestId}/approve", ApproveRequestAsync), "ApproveStageRequest",
                    "Approve a request: the asker goes on the stage with the permissions given (optional body; default audio and video; host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(manage.MapPost("/requests/{requestId}/reject", RejectRequestAsync), "RejectStageRequest",
                    "Reject a request (host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(manage.MapGet("/hands", GetHandsAsync), "GetRaisedHands",
                    "Get the raised hands, oldest first (host, co-host, moderator or admin)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(manage.MapPost("/hands/{userId}/approve", ApproveHandAsync), "ApproveRaisedHand",
                    "Approve a raised hand: the person goes on the stage with the permissions given (optional body; default audio and video) and the hand is lowered (host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404, 409);
            scope.Describe(manage.MapPost("/hands/{userId}/reject", RejectHandAsync), "RejectRaisedHand",
                    "Reject a raised hand: it is lowered (host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404);
        }

        return app;
    }

    public static async Task<Ok<ApiResponse<HandStatusResponse>>> RaiseHandAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var userId = api.Scope.Caller.UserId;
        var hand = await Stage(api, sessionId).RaiseHandAsync(userId, StageContext.Of(session));
        return api.Envelope.Ok(new HandStatusResponse(sessionId, userId, Raised: true, hand.RaisedAt, OnStage: false));
    }

    public static async Task<Ok<ApiResponse<HandStatusResponse>>> LowerHandAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var userId = api.Scope.Caller.UserId;
        var stage = Stage(api, sessionId);
        await stage.LowerHandAsync(userId);
        var onStage = (await stage.GetMembersAsync()).Any(m => m.UserId == userId);
        return api.Envelope.Ok(new HandStatusResponse(sessionId, userId, Raised: false, RaisedAt: null, onStage));
    }

    public static async Task<Ok<ApiResponse<HandStatusResponse>>> GetHandAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var userId = api.Scope.Caller.UserId;
        var stage = Stage(api, sessionId);
        var hand = await stage.FindHandAsync(userId);
        var onStage = (await stage.GetMembersAsync()).Any(m => m.UserId == userId);
        return api.Envelope.Ok(new HandStatusResponse(sessionId, userId, hand is not null, hand?.RaisedAt, onStage));
    }

    public static async Task<Ok<ApiResponse<StageResponse>>> GetStageAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var members = await Stage(api, sessionId).GetMembersAsync();
        return api.Envelope.Ok(new StageResponse(sessionId, session.HostId, session.Settings.MaxStageParticipants,
            members.Select(StageParticipantResponse.From).ToList()));
    }

    public static async Task<Ok<ApiResponse<StageLeftResponse>>> LeaveStageAsync(
        Guid sessionId, ILiveKitRoomService liveKit, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var userId = api.Scope.Caller.UserId;
        var removed = await Stage(api, sessionId).RemoveAsync(userId);
        await RevokePublishingAsync(liveKit, session, userId);
        return api.Envelope.Ok(new StageLeftResponse(sessionId, userId, removed));
    }

    public static async Task<Ok<ApiResponse<StageTokenResponse>>> GetStageTokenAsync(
        Guid sessionId, ClaimsPrincipal user, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        if (session.State != SessionState.Live)
        {
            throw Grains.Audience.AudienceErrors.NotLive(session.State);
        }

        var caller = api.Scope.Caller;
        var name = user.FindFirstValue(RoomcastClaims.Name) is { Length: > 0 } shown ? shown : caller.UserId.ToString();
        var admission = await Stage(api, sessionId).IssueTokenAsync(caller.UserId, name, session.HostId);
        return api.Envelope.Ok(StageTokenResponse.From(sessionId, admission));
    }

    public static async Task<Created<ApiResponse<StageRequestResponse>>> CreateRequestAsync(
        Guid sessionId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CreateStageRequestRequest? request,
        [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var message = string.IsNullOrWhiteSpace(request?.Message) ? null : request.Message.Trim();
        var created = await Stage(api, sessionId).RequestAsync(api.Scope.Caller.UserId, message, StageContext.Of(session));
        return api.Envelope.Created($"/v1/sessions/{sessionId}/stage/requests/mine", StageRequestResponse.From(created));
    }

    public static async Task<Ok<ApiResponse<StageRequestListResponse>>> GetMyRequestsAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var requests = await Stage(api, sessionId).GetRequestsAsync(api.Scope.Caller.UserId);
        return api.Envelope.Ok(new StageRequestListResponse(sessionId, requests.Select(StageRequestResponse.From).ToList()));
    }

    public static async Task<Ok<ApiResponse<StageParticipantResponse>>> AddParticipantAsync(
        Guid sessionId, AddStageParticipantRequest request, ILiveKitRoomService liveKit, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var userId = request.UserId!.Value;
        var stage = Stage(api, sessionId);
        var before = (await stage.GetMembersAsync()).FirstOrDefault(m => m.UserId == userId);
        var member = await stage.AddAsync(userId, request.Permissions, api.Scope.Caller.UserId, StageContext.Of(session));
        if (before is not null && before.Permissions != member.Permissions)
        {
            await ApplyPermissionsAsync(liveKit, sessionId, member);
        }

        return api.Envelope.Ok(StageParticipantResponse.From(member));
    }

    public static async Task<Ok<ApiResponse<StageParticipantResponse>>> UpdateParticipantAsync(
        Guid sessionId, Guid userId, UpdateStageParticipantRequest request, ILiveKitRoomService liveKit, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var stage = Stage(api, sessionId);
        var current = (await stage.GetMembersAsync()).FirstOrDefault(m => m.UserId == userId) ?? throw RoomcastException.NotFound("Stage member");
        var member = await stage.UpdateAsync(userId, request.ApplyTo(current.Permissions));

        // The durable change first: LiveKit down is a 503 after it, and the same PATCH again applies it.
        await ApplyPermissionsAsync(liveKit, sessionId, member);
        return api.Envelope.Ok(StageParticipantResponse.From(member));
    }

    public static async Task<Ok<ApiResponse<StageLeftResponse>>> RemoveParticipantAsync(
        Guid sessionId, Guid userId, ILiveKitRoomService liveKit, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var removed = await Stage(api, sessionId).RemoveAsync(userId);

        // Also when they were off the stage already: a retry after a 503 finishes the revocation.
        await RevokePublishingAsync(liveKit, session, userId);
        return api.Envelope.Ok(new StageLeftResponse(sessionId, userId, removed));
    }

    public static async Task<Ok<ApiResponse<StageRequestListResponse>>> GetPendingRequestsAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Moderate);
        var requests = await Stage(api, sessionId).GetRequestsAsync(null);
        return api.Envelope.Ok(new StageRequestListResponse(sessionId, requests.Select(StageRequestResponse.From).ToList()));
    }

    public static Task<Ok<ApiResponse<StageRequestResponse>>> ApproveRequestAsync(Guid sessionId, Guid requestId,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] StageGrantRequest? grant, [AsParameters] ApiServices api) =>
        DecideRequestAsync(sessionId, requestId, approve: true, GrantOf(grant), api);

    public static Task<Ok<ApiResponse<StageRequestResponse>>> RejectRequestAsync(Guid sessionId, Guid requestId, [AsParameters] ApiServices api) =>
        DecideRequestAsync(sessionId, requestId, approve: false, StagePermissions.Default, api);

    public static async Task<Ok<ApiResponse<StageHandListResponse>>> GetHandsAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Moderate);
        var hands = await Stage(api, sessionId).GetHandsAsync();
        return api.Envelope.Ok(new StageHandListResponse(sessionId, hands.Select(StageHandResponse.From).ToList()));
    }

    public static Task<Ok<ApiResponse<HandDecisionResponse>>> ApproveHandAsync(Guid sessionId, Guid userId,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] StageGrantRequest? grant, [AsParameters] ApiServices api) =>
        DecideHandAsync(sessionId, userId, approve: true, GrantOf(grant), api);

    public static Task<Ok<ApiResponse<HandDecisionResponse>>> RejectHandAsync(Guid sessionId, Guid userId, [AsParameters] ApiServices api) =>
        DecideHandAsync(sessionId, userId, approve: false, StagePermissions.Default, api);

    private static async Task<Ok<ApiResponse<StageRequestResponse>>> DecideRequestAsync(
        Guid sessionId, Guid requestId, bool approve, StagePermissions grant, ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var decided = await Stage(api, sessionId).DecideRequestAsync(requestId, DecisionOf(session, approve, grant, api));
        return api.Envelope.Ok(StageRequestResponse.From(decided));
    }

    private static async Task<Ok<ApiResponse<HandDecisionResponse>>> DecideHandAsync(
        Guid sessionId, Guid userId, bool approve, StagePermissions grant, ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var member = await Stage(api, sessionId).DecideHandAsync(userId, DecisionOf(session, approve, grant, api));
        return api.Envelope.Ok(new HandDecisionResponse(sessionId, userId, approve, member is null ? null : StageParticipantResponse.From(member)));
    }

    private static StagePermissions GrantOf(StageGrantRequest? grant) => grant?.Permissions ?? StagePermissions.Default;

    private static StageDecision DecisionOf(SessionSnapshot session, bool approve, StagePermissions grant, ApiServices api) =>
        new(api.Scope.Caller.UserId, approve, grant, StageContext.Of(session));

    private static ISessionStageGrain Stage(ApiServices api, Guid sessionId) => api.Grains.Get<ISessionStageGrain>(sessionId);


    /// <summary>Back to the rights of the person's part in the session (a viewer publishes nothing).</summary>
    private static Task RevokePublishingAsync(ILiveKitRoomService liveKit, SessionSnapshot session, Guid userId)
    {
        var rights = AudienceRights.Of(AttendeeRoles.Of(userId, session));
        return UpdateConnectionAsync(liveKit, session.Id, userId,
            new LiveKitParticipantPermission(rights.CanSubscribe, rights.CanPublish, rights.CanPublishData, rights.Hidden));
    }

    private static Task ApplyPermissionsAsync(ILiveKitRoomService liveKit, Guid sessionId, StageMember member)
    {
        var sources = StageSources.Of(member.Permissions);
        return UpdateConnectionAsync(liveKit, sessionId, member.UserId,
            new LiveKitParticipantPermission(CanSubscribe: true, CanPublish: sources.Count > 0, CanPublishData: true, Hidden: false)
            {
                CanPublishSources = sources,
            });
    }

    private static async Task UpdateConnectionAsync(ILiveKitRoomService liveKit, Guid sessionId, Guid userId, LiveKitParticipantPermission permission)
    {
        try
        {
            await liveKit.UpdateParticipantAsync(LiveKitRoomNames.ForSession(sessionId), userId.ToString(), permission);
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            // Not connected (or no room): there is no publishing to take away; their next token carries the change.
        }
    }
}
