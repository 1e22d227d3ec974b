using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Roomcast.Catalog;
using Roomcast.Grains.Reminders;
using Roomcast.Reminders;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// Room reminder subscriptions (issue 18): a person who may see a room asks to be told when a session in it is
/// scheduled, shortly before it starts and when it goes live. Every route needs a person (an API key has no one to
/// remind); a room the caller may not see is a 404.
/// </summary>
public static class RemindersApi
{
    /// <summary>How many of a room's scheduled sessions the status looks through for the next one.</summary>
    private const int ScheduledSessionsRead = PageRequest.MaxLimit;

    public static IEndpointRouteBuilder MapRemindersApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var group = scope.Group(app, "/rooms/{roomId}/reminders", "Rooms").RequireAuthorization(Policies.User);
            MapRoutes(scope, group);
        }

        return app;
    }

    private static void MapRoutes(ApiScope scope, RouteGroupBuilder group)
    {
        scope.Describe(group.MapPost("/", SubscribeAsync), "SubscribeToRoomReminders",
                "Subscribe to a room's session reminders (scheduled, due, live); subscribing twice is one subscription")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapDelete("/", UnsubscribeAsync), "UnsubscribeFromRoomReminders",
                "Unsubscribe from a room's session reminders")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapGet("/", GetStatusAsync), "GetRoomReminderStatus",
                "Whether I am subscribed to a room's reminders, and its next scheduled session")
            .ProducesErrors(400, 401, 403, 404);
    }

    public static async Task<Ok<ApiResponse<RoomReminderResponse>>> SubscribeAsync(
        Guid roomId, IRoomSubscriberLog log, IOptions<RoomReminderOptions> options, [AsParameters] ApiServices api)
    {
        await RequireRoomAsync(roomId, api);
        var subscription = await log.SubscribeAsync(roomId, api.Scope.Caller.UserId, api.Clock.GetUtcNow());
        return api.Envelope.Ok(await StatusAsync(roomId, subscription, options.Value, api));
    }

    public static async Task<Ok<ApiResponse<RoomReminderResponse>>> UnsubscribeAsync(
        Guid roomId, IRoomSubscriberLog log, IOptions<RoomReminderOptions> options, [AsParameters] ApiServices api)
    {
        await RequireRoomAsync(roomId, api);
        await log.UnsubscribeAsync(roomId, api.Scope.Caller.UserId);
        return api.Envelope.Ok(await StatusAsync(roomId, null, options.Value, api));
    }

    public static async Task<Ok<ApiResponse<RoomReminderResponse>>> GetStatusAsync(
        Guid roomId, IRoomSubscriberLog log, IOptions<RoomReminderOptions> options, [AsParameters] ApiServices api)
    {
        await RequireRoomAsync(roomId, api);
        var subscription = await log.GetAsync(roomId, api.Scope.Caller.UserId);
        return api.Envelope.Ok(await StatusAsync(roomId, subscription, options.Value, api));
    }

    private static async Task RequireRoomAsync(Guid roomId, ApiServices api)
    {
        var room = await api.Grains.Get<IRoomGrain>(roomId).GetAsync();
        await api.Access.RequireAsync(api.Scope, room, RoomPermission.View);
    }

    private static async Task<RoomReminderResponse> StatusAsync(
        Guid roomId, RoomSubscription? subscription, RoomReminderOptions options, ApiServices api)
    {
        var query = new SessionQuery
        {
            LibraryId = api.Scope.LibraryId,
            RoomId = roomId,
            States = new HashSet<SessionState> { SessionState.Scheduled },
        };
        if (!api.Scope.Caller.IsAdmin)
        {
            query = query with { Visibility = Visibility.Public, OrMemberId = api.Scope.Caller.UserId };
        }

        var scheduled = await api.Sessions.ListAsync(query, PageRequest.First(ScheduledSessionsRead));
        NextReminderResponse? next = null;
        if (scheduled.Items.MinBy(s => s.ScheduledAt) is { } session)
        {
            var status = await api.Grains.Get<ISessionReminderGrain>(session.Id).GetStatusAsync();
            next = new NextReminderResponse(session.Id, session.Name, session.ScheduledAt,
                session.ScheduledAt - options.Lead, status.Sent.Contains(ReminderKind.Due));
        }

        return new RoomReminderResponse(roomId, subscription is not null, subscription?.SubscribedAt, next);
    }
}
