using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Catalog;
using Roomcast.Rooms;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

public static class RoomsApi
{
    public static IEndpointRouteBuilder MapRoomsApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            MapRoutes(scope, scope.Group(app, "/rooms", "Rooms"));
        }

        return app;
    }

    private static void MapRoutes(ApiScope scope, RouteGroupBuilder group)
    {
        scope.Describe(group.MapGet("/", ListPublicRoomsAsync), "ListRooms", "List public rooms")
            .ProducesErrors(400, 401, 404);
        scope.Describe(group.MapPost("/", CreateRoomAsync), "CreateRoom", "Create a new room")
            .RequireAuthorization(Policies.Host)
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapGet("/mine", ListMyRoomsAsync), "ListMyRooms", "List my rooms")
            .ProducesErrors(400, 401, 404);
        scope.Describe(group.MapGet("/{roomId}", GetRoomAsync), "GetRoom", "Get room by ID (public rooms, or your own)")
            .ProducesErrors(400, 401, 404);
        scope.Describe(group.MapPatch("/{roomId}", UpdateRoomAsync), "UpdateRoom",
                "Update a room (owner or admin; change_sequence or If-Match guards it)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(group.MapDelete("/{roomId}", DeleteRoomAsync), "DeleteRoom",
                "Delete a room and its sessions (refused while one is live)")
            .ProducesErrors(400, 401, 403, 404, 409);
    }

    public static Task<Ok<ApiResponse<ListResponse<RoomResponse>>>> ListPublicRoomsAsync(
        [AsParameters] ListParameters list, [AsParameters] ApiServices api) =>
        ListAsync(list, query => query with { Visibility = Visibility.Public }, api);

    public static Task<Ok<ApiResponse<ListResponse<RoomResponse>>>> ListMyRoomsAsync(
        [AsParameters] ListParameters list, [AsParameters] ApiServices api) =>
        ListAsync(list, query => query with { OwnerId = api.Scope.Caller.UserId }, api);

    public static async Task<Created<ApiResponse<RoomResponse>>> CreateRoomAsync(
        CreateRoomRequest request, [AsParameters] ApiServices api)
    {
        var command = new CreateRoomCommand(
            api.Scope.Caller.UserId,
            request.Title!.Trim(),
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description,
            ApiEnum.ParseOrNull<Visibility>(request.Visibility) ?? Visibility.Public,
            api.Scope.CreationLibraryId);
        var room = await api.Grains.Get<IRoomGrain>(Guid.NewGuid()).CreateAsync(command);
        return api.Envelope.Created(api.Scope.PathOf($"/rooms/{room.Id}"), RoomResponse.From(room));
    }

    public static async Task<Ok<ApiResponse<RoomResponse>>> GetRoomAsync(
        Guid roomId, HttpResponse response, [AsParameters] ApiServices api)
    {
        var room = await api.Grains.Get<IRoomGrain>(roomId).GetAsync();
        await api.Access.RequireAsync(api.Scope, room, RoomPermission.View);
        ChangeSequenceHeader.Tag(response, room.ChangeSequence);
        return api.Envelope.Ok(RoomResponse.From(room));
    }

    public static async Task<Ok<ApiResponse<RoomResponse>>> UpdateRoomAsync(
        Guid roomId, UpdateRoomRequest request, HttpContext http, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.Get<IRoomGrain>(roomId);
        await api.Access.RequireAsync(api.Scope, await grain.GetAsync(), RoomPermission.Manage);
        var patch = new RoomPatch(
            request.Title?.Trim(),
            string.IsNullOrEmpty(request.Description) ? null : request.Description,
            ClearDescription: request.Description == string.Empty,
            ApiEnum.ParseOrNull<Visibility>(request.Visibility));
        var room = await grain.UpdateAsync(patch, ChangeSequenceHeader.Expected(http.Request, request.ChangeSequence));
        ChangeSequenceHeader.Tag(http.Response, room.ChangeSequence);
        return api.Envelope.Ok(RoomResponse.From(room));
    }

    public static async Task<Ok<ApiResponse<DeletedResponse>>> DeleteRoomAsync(
        Guid roomId, HttpRequest request, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.Get<IRoomGrain>(roomId);
        await api.Access.RequireAsync(api.Scope, await grain.GetAsync(), RoomPermission.Manage);
        await grain.DeleteAsync(ChangeSequenceHeader.Expected(request));
        return api.Envelope.Ok(new DeletedResponse(roomId, Deleted: true));
    }

    private static async Task<Ok<ApiResponse<ListResponse<RoomResponse>>>> ListAsync(
        ListParameters list, Func<RoomQuery, RoomQuery> filter, ApiServices api)
    {
        var (query, page) = list.ToRoomQuery();
        var rooms = await api.Rooms.ListAsync(filter(query with { LibraryId = api.Scope.LibraryId }), page);
        return api.Envelope.Ok(ListResponse<RoomResponse>.From(rooms, page.Limit, RoomResponse.From));
    }
}
