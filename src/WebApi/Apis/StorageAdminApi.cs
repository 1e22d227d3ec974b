using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Maintenance;
using Roomcast.Recordings;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>Recording storage for operators (seed 003's Admin section): its status, its cleanup, and retrying a failed recording.</summary>
public static class StorageAdminApi
{
    public static IEndpointRouteBuilder MapStorageAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("", "Admin");
        group.MapGet("/storage", GetStorageStatusAsync)
            .WithName("GetStorageStatus")
            .WithSummary("Storage status: files and bytes held, orphaned files (owned by no recording), recordings by status, last and next cleanup")
            .ProducesErrors(401, 403, 503);
        group.MapPost("/storage/cleanup", CleanupStorageAsync)
            .WithName("TriggerStorageCleanup")
            .WithSummary("Run the storage cleanup now: recordings past retention and orphaned files older than the grace period are deleted (safe to run twice at once)")
            .ProducesErrors(401, 403, 503);
        group.MapPost("/recordings/{recordingId}/retry", RetryRecordingAsync)
            .WithName("RetryRecording")
            .WithSummary("Retry a failed recording: look for its file again; ready when it is there (409 unless it failed)")
            .ProducesErrors(400, 401, 403, 404, 409, 503);
        return app;
    }

    public static async Task<Ok<ApiResponse<StorageStatusResponse>>> GetStorageStatusAsync(IGrainFactory grains, Envelope envelope) =>
        envelope.Ok(StorageStatusResponse.From(await grains.GetGrain<IStorageJanitorGrain>(IStorageJanitorGrain.Key).GetStatusAsync()));

    public static async Task<Ok<ApiResponse<StorageCleanupResponse>>> CleanupStorageAsync(IGrainFactory grains, Envelope envelope) =>
        envelope.Ok(StorageCleanupResponse.From(await grains.GetGrain<IStorageJanitorGrain>(IStorageJanitorGrain.Key).CleanupAsync()));

    public static async Task<Ok<ApiResponse<RecordingResponse>>> RetryRecordingAsync(Guid recordingId, GrainReferences grains, Envelope envelope) =>
        envelope.Ok(RecordingResponse.From(await grains.Get<IRecordingGrain>(recordingId).RetryAsync()));
}
