using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Net.Http.Headers;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Recordings;
using Roomcast.Sessions;
using Roomcast.Storage;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Recordings;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// Recordings (seed 003, signed URLs per seed 002): one per recording grain, listed from the recording catalog. A
/// recording is reached through its session's roles (host and co-hosts; deleting takes the host); once the session
/// is gone, its host and the library's admins keep it. The file itself is served by a signed URL, without credentials.
/// </summary>
public static class RecordingsApi
{
    public static IEndpointRouteBuilder MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        var scope = ApiScope.Caller;
        var recordings = scope.Group(app, "/recordings", "Recordings");
        scope.Describe(recordings.MapGet("/", ListMyRecordingsAsync), "ListMyRecordings",
                "Get my recordings (of sessions I host), newest first; filter by status (limit + start_after/end_before cursors)")
            .RequireAuthorization(Policies.User)
            .ProducesErrors(400, 401, 403);
        scope.Describe(recordings.MapGet("/{recordingId}", GetRecordingAsync), "GetRecording", "Get recording by ID (host, co-host or admin)")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(recordings.MapPatch("/{recordingId}", UpdateRecordingAsync), "UpdateRecording",
                "Update a recording's title and description (host, co-host or admin; change_sequence or If-Match guards it)")
            .ProducesErrors(400, 401, 403, 404, 409);
        scope.Describe(recordings.MapDelete("/{recordingId}", DeleteRecordingAsync), "DeleteRecording",
                "Delete a recording and its file (host or admin); 409 while it is being recorded")
            .ProducesErrors(400, 401, 403, 404, 409, 503);
        scope.Describe(recordings.MapGet("/{recordingId}/download_url", GetDownloadUrlAsync), "GetRecordingDownloadUrl",
                "A signed, expiring URL of a ready recording's file (expires_in 60..604800 s, default 3600; download=true forces a download)")
            .ProducesErrors(400, 401, 403, 404, 409);
        app.MapGet("/v1/recordings/{recordingId}/file", ServeFileAsync)
            .AllowAnonymous()
            .WithTags("Recordings")
            .WithName("ServeRecordingFile")
            .WithSummary("Serve a recording's file to whoever holds a signed URL (no credentials); ranges and conditional requests supported")
            .Produces<Stream>(StatusCodes.Status200OK, "video/mp4")
            .Produces<Stream>(StatusCodes.Status206PartialContent, "video/mp4")
            .Produces(StatusCodes.Status302Found)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors(403, 404, 416, 503);

        // Seed 003 lists a session's recordings at /v1 only, not among the library-scoped routes.
        var sessions = scope.Group(app, "/sessions", "Recordings");
        scope.Describe(sessions.MapGet("/{sessionId}/recordings", ListSessionRecordingsAsync), "ListSessionRecordings",
                "Get recordings for a session, newest first (host, co-host or admin; limit + cursors)")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(sessions.MapGet("/{sessionId}/recordings/active", GetActiveRecordingAsync), "GetActiveRecording",
                "Get the recording being made of a session, if any")
            .ProducesErrors(400, 401, 403, 404);
        scope.Describe(sessions.MapPost("/{sessionId}/recordings", StartRecordingAsync), "StartRecording",
                "Start recording a live session (host or co-host); 409 when recording is off in its settings or one is running")
            .ProducesErrors(400, 401, 403, 404, 409, 503);
        scope.Describe(sessions.MapPost("/{sessionId}/recordings/stop", StopRecordingAsync), "StopRecording",
                "Stop the recording being made; it is processing until its file is in storage")
            .ProducesErrors(400, 401, 403, 404, 409, 503);

        return app;
    }

    public static async Task<Ok<ApiResponse<ListResponse<RecordingResponse>>>> ListMyRecordingsAsync(
        [FromQuery(Name = "status")] string? status, [AsParameters] PageParameters paging, IRecordingCatalog catalog,
        [AsParameters] ApiServices api)
    {
        var errors = new List<FieldError>();
        var page = PageParameters.Parse(paging.Limit, paging.StartAfter, paging.EndBefore, errors);
        RecordingStatus? statusFilter = null;
        if (status is not null)
        {
            if (ApiEnum.TryParse<RecordingStatus>(status, out var parsed))
            {
                statusFilter = parsed;
            }
            else
            {
                errors.Add(new FieldError("status", $"must be one of {string.Join(", ", ApiEnum.Names<RecordingStatus>())}"));
            }
        }

        if (errors.Count > 0)
        {
            throw RoomcastException.Invalid(errors);
        }

        var query = new RecordingQuery { OwnerId = api.Scope.Caller.UserId, LibraryId = api.Scope.Caller.LibraryId, Status = statusFilter };
        return api.Envelope.Ok(ListResponse<RecordingResponse>.From(await catalog.ListAsync(query, page), page.Limit, RecordingResponse.From));
    }

    public static async Task<Ok<ApiResponse<RecordingResponse>>> GetRecordingAsync(
        Guid recordingId, HttpResponse response, [AsParameters] ApiServices api)
    {
        var recording = await RequireRecordingAsync(recordingId, SessionPermission.Run, api);
        ChangeSequenceHeader.Tag(response, recording.ChangeSequence);
        return api.Envelope.Ok(RecordingResponse.From(recording));
    }

    public static async Task<Ok<ApiResponse<RecordingResponse>>> UpdateRecordingAsync(
        Guid recordingId, UpdateRecordingRequest request, HttpContext http, [AsParameters] ApiServices api)
    {
        await RequireRecordingAsync(recordingId, SessionPermission.Run, api);
        var recording = await api.Grains.Get<IRecordingGrain>(recordingId)
            .UpdateAsync(request.ToPatch(), ChangeSequenceHeader.Expected(http.Request, request.ChangeSequence));
        ChangeSequenceHeader.Tag(http.Response, recording.ChangeSequence);
        return api.Envelope.Ok(RecordingResponse.From(recording));
    }

    public static async Task<Ok<ApiResponse<DeletedResponse>>> DeleteRecordingAsync(
        Guid recordingId, HttpRequest request, [AsParameters] ApiServices api)
    {
        var expected = ChangeSequenceHeader.Expected(request);
        await RequireRecordingAsync(recordingId, SessionPermission.Manage, api);
        await api.Grains.Get<IRecordingGrain>(recordingId).DeleteAsync(expected);
        return api.Envelope.Ok(new DeletedResponse(recordingId, Deleted: true));
    }

    public static async Task<Ok<ApiResponse<RecordingDownloadResponse>>> GetDownloadUrlAsync(
        Guid recordingId, [FromQuery(Name = "download")] string? download, [FromQuery(Name = "expires_in")] string? expiresIn,
        HttpRequest request, RecordingUrlSigner signer, [AsParameters] ApiServices api)
    {
        var errors = new List<FieldError>();
        var attachment = false;
        if (download is not null && !bool.TryParse(download, out attachment))
        {
            errors.Add(new FieldError("download", "must be true or false"));
        }

        var lifetime = RecordingUrlSigner.DefaultLifetime;
        if (expiresIn is not null)
        {
            if (int.TryParse(expiresIn, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds >= RecordingUrlSigner.MinLifetime.TotalSeconds && seconds <= RecordingUrlSigner.MaxLifetime.TotalSeconds)
            {
                lifetime = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                errors.Add(new FieldError("expires_in",
                    $"must be a whole number of seconds from {RecordingUrlSigner.MinLifetime.TotalSeconds} to {RecordingUrlSigner.MaxLifetime.TotalSeconds}"));
            }
        }

        if (errors.Count > 0)
        {
            throw RoomcastException.Invalid(errors);
        }

        var recording = await RequireRecordingAsync(recordingId, SessionPermission.Run, api);
        if (recording.Status != RecordingStatus.Ready)
        {
            var status = ApiEnum.Name(recording.Status);
            throw new RoomcastException(ErrorKind.Conflict, "recording_not_ready",
                $"The recording is {status}; its file can be downloaded once it is ready.", [new FieldError("status", status)]);
        }

        var disposition = attachment ? RecordingDisposition.Attachment : RecordingDisposition.Inline;
        var (pathAndQuery, expiresAt) = signer.Sign(recordingId, lifetime, disposition);
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
        return api.Envelope.Ok(new RecordingDownloadResponse(recordingId, url, expiresAt,
            (int)Math.Ceiling(signer.TimeLeft(expiresAt).TotalSeconds), ApiEnum.Name(disposition)));
    }

    /// <summary>
    /// The file, to whoever holds a valid signed URL. The id is read as text so that anything but a recording id
    /// (a traversal attempt included) is a plain 404; the file is found by the recording's own storage key, never by
    /// anything in the request.
    /// </summary>
    public static async Task<IResult> ServeFileAsync(
        string recordingId, [FromQuery(Name = RecordingUrlSigner.ExpiresParameter)] string? expires,
        [FromQuery(Name = RecordingUrlSigner.DispositionParameter)] string? disposition,
        [FromQuery(Name = RecordingUrlSigner.SignatureParameter)] string? signature,
        HttpResponse response, RecordingUrlSigner signer, IRecordingStorage storage, GrainReferences grains)
    {
        if (!Guid.TryParseExact(recordingId, "D", out var id))
        {
            throw RoomcastException.NotFound("Recording");
        }

        var check = signer.Check(id, expires, disposition, signature);
        if (check.Verdict != RecordingUrlVerdict.Valid)
        {
            throw check.Verdict == RecordingUrlVerdict.Expired
                ? new RoomcastException(ErrorKind.Forbidden, "url_expired", "This download URL has expired; ask for a new one.")
                : new RoomcastException(ErrorKind.Forbidden, "invalid_signature", "This download URL is not valid for this recording.");
        }

        RecordingSnapshot recording;
        try
        {
            recording = await grains.Get<IRecordingGrain>(id).GetAsync();
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw RoomcastException.NotFound("Recording");
        }

        var fileName = DownloadFileName(recording);
        var attachmentName = check.Disposition == RecordingDisposition.Attachment ? fileName : null;
        var access = recording.Status == RecordingStatus.Ready
            ? await storage.GetReadAccessAsync(recording.StorageKey, check.ExpiresAt, attachmentName)
            : null;
        switch (access)
        {
            case LocalFileAccess local:
                response.Headers.CacheControl = "private, max-age=" + (long)signer.TimeLeft(check.ExpiresAt).TotalSeconds;
                if (attachmentName is null)
                {
                    response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = fileName }.ToString();
                }

                return TypedResults.PhysicalFile(local.PhysicalPath, "video/mp4", attachmentName,
                    local.Object.LastModified, EntityTagHeaderValue.Parse(local.Object.ETag), enableRangeProcessing: true);
            case RedirectAccess redirect:
                response.Headers.CacheControl = "no-store";
                return TypedResults.Redirect(redirect.Url.AbsoluteUri);
            default:
                throw new RoomcastException(ErrorKind.NotFound, "file_not_found", "The recording has no file to serve.");
        }
    }

    public static async Task<Ok<ApiResponse<ListResponse<RecordingResponse>>>> ListSessionRecordingsAsync(
        Guid sessionId, [AsParameters] PageParameters paging, IRecordingCatalog catalog, [AsParameters] ApiServices api)
    {
        var page = paging.ToPageRequest();
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var recordings = await catalog.ListAsync(new RecordingQuery { SessionId = sessionId }, page);
        return api.Envelope.Ok(ListResponse<RecordingResponse>.From(recordings, page.Limit, RecordingResponse.From));
    }

    public static async Task<Ok<ApiResponse<ActiveRecordingResponse>>> GetActiveRecordingAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var active = await api.Grains.Get<ISessionRecordingsGrain>(sessionId).GetActiveAsync();
        return api.Envelope.Ok(new ActiveRecordingResponse(sessionId, active is not null, active is null ? null : RecordingResponse.From(active)));
    }

    public static async Task<Created<ApiResponse<RecordingResponse>>> StartRecordingAsync(
        Guid sessionId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] StartRecordingRequest? request, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var recording = await api.Grains.Get<ISessionRecordingsGrain>(sessionId)
            .StartAsync(new RecordingStart(api.Scope.Caller.UserId, request?.Title?.Trim()));
        return api.Envelope.Created($"/v1/recordings/{recording.Id}", RecordingResponse.From(recording));
    }

    public static async Task<Ok<ApiResponse<RecordingResponse>>> StopRecordingAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        return api.Envelope.Ok(RecordingResponse.From(await api.Grains.Get<ISessionRecordingsGrain>(sessionId).StopAsync()));
    }

    /// <summary>
    /// The recording, once the caller holds <paramref name="permission"/> on its session: 404 when they may not see
    /// the session, 403 when they may see it but not do this. A recording outlives its session; then its host and the
    /// library's admins keep it.
    /// </summary>
    private static async Task<RecordingSnapshot> RequireRecordingAsync(Guid recordingId, SessionPermission permission, ApiServices api)
    {
        var recording = await api.Grains.Get<IRecordingGrain>(recordingId).GetAsync();
        SessionSnapshot? session;
        try
        {
            session = await api.Grains.Get<ISessionGrain>(recording.SessionId).GetAsync();
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            session = null;
        }

        if (session is not null)
        {
            try
            {
                await api.Access.RequireAsync(api.Scope, session, permission);
            }
            catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
            {
                throw RoomcastException.NotFound("Recording");
            }

            return recording;
        }

        var caller = api.Scope.Caller;
        var inScope = api.Scope.LibraryId is null || api.Scope.LibraryId == recording.LibraryId;
        return inScope && (caller.IsAdmin || caller.UserId == recording.OwnerId && caller.LibraryId == recording.LibraryId)
            ? recording
            : throw RoomcastException.NotFound("Recording");
    }

    private static string DownloadFileName(RecordingSnapshot recording)
    {
        var safe = new string(recording.Title.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' ? c : '_').ToArray()).Trim();
        return (safe.Length == 0 ? recording.Id.ToString("N") : safe[..Math.Min(safe.Length, 120)]) + ".mp4";
    }
}
