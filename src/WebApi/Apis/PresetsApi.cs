using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Presets;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// Session presets (seed 003): named session settings, private to the host who owns them. Every route needs a
/// person (an API key has no user to own presets); a preset that is not the caller's is a 404 (admins reach all).
/// </summary>
public static class PresetsApi
{
    public static IEndpointRouteBuilder MapPresetsApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var group = scope.Group(app, "/presets", "Presets").RequireAuthorization(Policies.User);
            MapRoutes(scope, group);
        }

        return app;
    }

    private static void MapRoutes(ApiScope scope, RouteGroupBuilder group)
    {
        scope.Describe(group.MapPost("/", CreatePresetAsync), "CreatePreset", "Create a session preset (hosts and admins)")
            .RequireAuthorization(Policies.Host)
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(group.MapGet("/", ListMyPresetsAsync), "ListMyPresets",
                "List my presets, newest first (limit + start_after/end_before cursors)")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapGet("/{presetId}", GetPresetAsync), "GetPreset", "Get preset by ID (its owner or an admin)")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(group.MapPatch("/{presetId}", UpdatePresetAsync), "UpdatePreset",
                "Update a preset (owner or admin; change_sequence or If-Match guards it)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(group.MapDelete("/{presetId}", DeletePresetAsync), "DeletePreset",
                "Delete a preset (owner or admin); deleting the default leaves the owner without one")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(group.MapPost("/{presetId}/default", SetDefaultPresetAsync), "SetDefaultPreset",
                "Make a preset its owner's default, the one their sessions take when they name no preset")
            .ProducesErrors(400, 401, 403, 404);
    }

    public static async Task<Created<ApiResponse<PresetResponse>>> CreatePresetAsync(
        CreatePresetRequest request, [AsParameters] ApiServices api)
    {
        var owner = api.Scope.Caller.UserId;
        var preset = await api.Grains.Get<IPresetShelfGrain>(owner).CreateAsync(request.ToCommand(owner, api.Scope.CreationLibraryId));
        return api.Envelope.Created(api.Scope.PathOf($"/presets/{preset.Id}"), PresetResponse.From(preset, defaultId: null));
    }

    public static async Task<Ok<ApiResponse<ListResponse<PresetResponse>>>> ListMyPresetsAsync(
        [AsParameters] PageParameters paging, [AsParameters] ApiServices api)
    {
        var page = paging.ToPageRequest();
        var presets = await api.Grains.Get<IPresetShelfGrain>(api.Scope.Caller.UserId)
            .ListAsync(api.Scope.LibraryId, page.Limit, page.StartAfter, page.EndBefore);
        return api.Envelope.Ok(new ListResponse<PresetResponse>(
            presets.Items.Select(p => PresetResponse.From(p, presets.DefaultId)).ToList(), page.Limit, presets.NextCursor, presets.PreviousCursor));
    }

    public static async Task<Ok<ApiResponse<PresetResponse>>> GetPresetAsync(
        Guid presetId, HttpResponse response, [AsParameters] ApiServices api)
    {
        var preset = await api.Grains.Get<IPresetGrain>(presetId).GetAsync();
        await api.Access.RequireAsync(api.Scope, preset);
        return await RespondAsync(preset, response, api);
    }

    public static async Task<Ok<ApiResponse<PresetResponse>>> UpdatePresetAsync(
        Guid presetId, UpdatePresetRequest request, HttpContext http, [AsParameters] ApiServices api)
    {
        var grain = api.Grains.Get<IPresetGrain>(presetId);
        await api.Access.RequireAsync(api.Scope, await grain.GetAsync());
        var preset = await grain.UpdateAsync(request.ToPatch(), ChangeSequenceHeader.Expected(http.Request, request.ChangeSequence));
        return await RespondAsync(preset, http.Response, api);
    }

    public static async Task<Ok<ApiResponse<DeletedResponse>>> DeletePresetAsync(
        Guid presetId, HttpRequest request, [AsParameters] ApiServices api)
    {
        var expected = ChangeSequenceHeader.Expected(request);
        if (await api.Grains.Get<IPresetGrain>(presetId).FindAsync() is { } preset)
        {
            await api.Access.RequireAsync(api.Scope, preset);
            await api.Grains.Get<IPresetShelfGrain>(preset.OwnerId).DeleteAsync(presetId, expected);
        }
        else
        {
            // Gone already: perhaps an earlier delete of the caller's own removed the preset but not its shelf entry.
            // The caller's own shelf finishes that job, or answers not-found; no one else's shelf is consulted.
            await api.Grains.Get<IPresetShelfGrain>(api.Scope.Caller.UserId).DeleteAsync(presetId, null);
        }

        return api.Envelope.Ok(new DeletedResponse(presetId, Deleted: true));
    }

    public static async Task<Ok<ApiResponse<PresetResponse>>> SetDefaultPresetAsync(
        Guid presetId, HttpResponse response, [AsParameters] ApiServices api)
    {
        var current = await api.Grains.Get<IPresetGrain>(presetId).GetAsync();
        await api.Access.RequireAsync(api.Scope, current);
        var preset = await api.Grains.Get<IPresetShelfGrain>(current.OwnerId).SetDefaultAsync(presetId);
        ChangeSequenceHeader.Tag(response, preset.ChangeSequence);
        return api.Envelope.Ok(PresetResponse.From(preset, presetId));
    }

    private static async Task<Ok<ApiResponse<PresetResponse>>> RespondAsync(PresetSnapshot preset, HttpResponse response, ApiServices api)
    {
        var defaultId = await api.Grains.Get<IPresetShelfGrain>(preset.OwnerId).GetDefaultIdAsync();
        ChangeSequenceHeader.Tag(response, preset.ChangeSequence);
        return api.Envelope.Ok(PresetResponse.From(preset, defaultId));
    }
}
