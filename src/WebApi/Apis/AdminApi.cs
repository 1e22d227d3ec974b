using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Libraries;
using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("", "Admin");

        group.MapPost("/users", CreateUserAsync)
            .WithName("CreateUser").WithSummary("Create a host (or admin) user")
            .ProducesErrors(400, 401, 403, 409);
        group.MapPost("/sessions/batch", GetSessionBatchAsync)
            .WithName("GetSessionBatch").WithSummary("Get up to 100 sessions by id; unknown ids are listed in missing")
            .ProducesErrors(400, 401, 403);

        return group;
    }

    public static async Task<Created<ApiResponse<UserResponse>>> CreateUserAsync(
        CreateUserRequest request, UserAccounts accounts, IGrainFactory grains, Envelope envelope)
    {
        var libraryId = request.LibraryId ?? DefaultLibrary.Id;
        if (await grains.GetGrain<ILibraryGrain>(libraryId).FindAsync() is null)
        {
            throw RoomcastException.Invalid("library_id", "names no library");
        }

        var user = await accounts.CreateAsync(request.Email!.Trim(), request.Password!, request.DisplayName!.Trim(), request.ParseRole(), libraryId);
        return envelope.Created($"/v1/users/{user.Id}", UserResponse.From(user));
    }

    public static async Task<Ok<ApiResponse<SessionBatchResponse>>> GetSessionBatchAsync(
        SessionBatchRequest request, ISessionCatalog catalog, Envelope envelope)
    {
        var ids = request.ParseIds();
        var found = await catalog.GetManyAsync(ids.ToList());
        var foundIds = found.Select(s => s.Id).ToHashSet();
        return envelope.Ok(new SessionBatchResponse(
            found.Select(SessionResponse.From).ToList(),
            ids.Where(id => !foundIds.Contains(id)).ToList()));
    }

    /// <summary>A group under <c>/v1/admin</c>: admins only, request bodies validated. Every admin resource starts here.</summary>
    internal static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string path, string tag) =>
        app.MapGroup("/v1/admin" + path).WithTags(tag)
            .RequireAuthorization(Policies.Admin)
            .AddEndpointFilterFactory(RequestValidationFilter.AddWhereNeeded);
}
