using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Catalog;
using Roomcast.Rooms;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

public static class RoomsApi
{
    public static RouteGroupBuilder MapRoomsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/rooms").WithTags("Rooms")
            .RequireAuthorization()
            .AddEndpointFilter<RequestValidationFilter>();

        group.MapGet("/", ListPublicRoomsAsync)
            .WithName("ListRooms").WithSummary("List all public rooms")
            .ProducesErrors(400, 401);
        group.MapPost("/", CreateRoomAsync)
            .RequireAuthorization(Policies.Host)
            .WithName("CreateRoom").WithSummary("Create a new room")
            .ProducesErrors(400, 401, 403);
        group.MapGet("/mine", ListMyRoomsAsync)
            .WithName("ListMyRooms").WithSummary("List my rooms")
            .ProducesErrors(400, 401);
        group.MapGet("/{roomId}", GetRoomAsync)
            .WithName("GetRoom").WithSummary("Get room by ID (public rooms, or your own)")
            .ProducesErrors(400, 401, 404);
        group.MapPatch("/{roomId}", UpdateRoomAsync)
            .WithName("UpdateRoom").WithSummary("Update a room (owner or admin; change_sequence or If-Match guards it)")
            .ProducesErrors(400, 401, 403, 404, 409);
        group.MapDelete("/{roomId}", DeleteRoomAsync)
            .WithName("DeleteRoom").WithSummary("Delete a room and its sessions (refused while one is live)")
            .ProducesErrors(400, 401, 403, 404, 409);

        return group;
    }

    public static Task<Ok<ApiResponse<ListResponse<RoomResponse>>>> ListPublicRoomsAsync(
        [AsParameters] ListParameters list, [AsParameters] ApiServices api) =>
        ListAsync(list, query => query with { Visibility = Visibility.Public }, api);

    public static Task<Ok<ApiResponse<ListResponse<RoomResponse>>>> ListMyRoomsAsync(
        ClaimsPrincipal user, [AsParameters] ListParameters list, [AsParameters] ApiServices api) =>
        ListAsync(list, query => query with { OwnerId = Caller.From(user).UserId }, api);

    public static async Task<Created<ApiResponse<RoomResponse>>> CreateRoomAsync(
        CreateRoomRequest request, ClaimsPrincipal user, [AsParameters] ApiServices api)
    {
        var command = new CreateRoomCommand(
            Caller.From(user).UserId,
            request.Title!.Trim(),
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description,
            ApiEnum.ParseOrNull<Visibility>(request.Visibility) ?? Visibility.Public);
        var room = await api.Grains.GetGrain<IRoomGrain>(Guid.NewGuid()).CreateAsync(command);
        return api.Envelope.Created($"/v1/rooms/{room.Id}", RoomResponse.From(room));
    }

    public static async Task<Ok<ApiResponse<RoomResponse>>> GetRoomAsync(
        Guid roomId, ClaimsPrincipal user, HttpResponse response, [AsParameters] ApiServices api)
    {
        var room = await api.Grains.GetGrain<IRoomGrain>(roomId).GetAsync();
        await api.Access.RequireViewerAsync(user, room);
        ChangeSequenceHeader.Tag(response, room.ChangeSequence);
        return api.Envelope.Ok(RoomResponse.From(room));
    }

    public static async Task<Ok<ApiResponse<RoomResponse>>> UpdateRoomAsync(
        Guid roomId, UpdateRoomRequest request, ClaimsPrincipal user, HttpContext http, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.GetGrain<IRoomGrain>(roomId);
        await api.Access.RequireOwnerAsync(user, await grain.GetAsync());
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
        Guid roomId, ClaimsPrincipal user, HttpRequest request, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.GetGrain<IRoomGrain>(roomId);
        await api.Access.RequireOwnerAsync(user, await grain.GetAsync());
        await grain.DeleteAsync(ChangeSequenceHeader.Expected(request));
        return api.Envelope.Ok(new DeletedResponse(roomId, Deleted: true));
    }

    private static async Task<Ok<ApiResponse<ListResponse<RoomResponse>>>> ListAsync(
        ListParameters list, Func<RoomQuery, RoomQuery> scope, ApiServices api)
    {
        var (query, page) = list.ToRoomQuery();
        var rooms = await api.Rooms.ListAsync(scope(query), page);
        return api.Envelope.Ok(ListResponse<RoomResponse>.From(rooms, page.Limit, RoomResponse.From));
    }
}
