using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Errors;
using Roomcast.Libraries;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>Libraries (tenants), managed by admins, who operate the whole deployment.</summary>
public static class LibrariesApi
{
    public static RouteGroupBuilder MapLibrariesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/libraries", "Libraries");

        group.MapPost("/", CreateLibraryAsync)
            .WithName("CreateLibrary").WithSummary("Create a library (a tenant)")
            .ProducesErrors(400, 401, 403);
        group.MapGet("/", ListLibrariesAsync)
            .WithName("ListLibraries").WithSummary("List libraries, newest first (limit + start_after/end_before cursors)")
            .ProducesErrors(400, 401, 403);
        group.MapGet("/{libraryId}", GetLibraryAsync)
            .WithName("GetLibrary").WithSummary("Get library by ID")
            .ProducesErrors(400, 401, 403, 404);

        return group;
    }

    public static async Task<Created<ApiResponse<LibraryResponse>>> CreateLibraryAsync(
        CreateLibraryRequest request, [AsParameters] ApiServices api)
    {
        var library = await api.Grains.Get<ILibraryGrain>(Guid.NewGuid()).CreateAsync(request.Name!.Trim());
        return api.Envelope.Created($"/v1/admin/libraries/{library.Id}", LibraryResponse.From(library));
    }

    public static async Task<Ok<ApiResponse<ListResponse<LibraryResponse>>>> ListLibrariesAsync(
        [AsParameters] PageParameters paging, IGrainFactory grains, [AsParameters] ApiServices api)
    {
        var page = paging.ToPageRequest();
        var libraries = await grains.GetGrain<ILibraryDirectoryGrain>(ILibraryDirectoryGrain.Key)
            .ListAsync(page.Limit, page.StartAfter, page.EndBefore);
        return api.Envelope.Ok(new ListResponse<LibraryResponse>(
            libraries.Items.Select(LibraryResponse.From).ToList(), page.Limit, libraries.NextCursor, libraries.PreviousCursor));
    }

    public static async Task<Ok<ApiResponse<LibraryResponse>>> GetLibraryAsync(Guid libraryId, [AsParameters] ApiServices api)
    {
        var library = await api.Grains.Get<ILibraryGrain>(libraryId).FindAsync() ?? throw RoomcastException.NotFound("Library");
        return api.Envelope.Ok(LibraryResponse.From(library));
    }
}
