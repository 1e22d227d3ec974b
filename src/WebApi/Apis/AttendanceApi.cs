using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Catalog;
using Roomcast.Grains.Webhooks;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;
using Roomcast.Webhooks;

namespace Roomcast.WebApi.Apis;

/// <summary>Who is in a session and who was (seed 003 "Attendance"): leaving, the live list, the full list, numbers, CSV.</summary>
public static partial class AttendanceApi
{
    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var group = scope.Group(app, "/sessions/{sessionId}", "Attendance");
            scope.Describe(group.MapPost("/leave", LeaveAsync), "LeaveSession", "Leave a session: closes your attendance (idempotent)")
                .RequireAuthorization(Policies.User)
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(group.MapGet("/viewers", ListViewersAsync), "GetActiveViewers",
                    "Get the people present in a session now, newest arrival first (host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(group.MapGet("/attendance", ListAttendanceAsync), "GetAttendance",
                    "Get the full attendance list, one record per attendee, newest first (host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(group.MapGet("/attendance/stats", GetStatsAsync), "GetAttendanceStats",
                    "Get attendance statistics: unique viewers, peak concurrent, total and average watch time (host, co-host or admin)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(group.MapGet("/attendance/export", ExportAsync), "ExportAttendance",
                    "Export the attendance list as CSV (RFC 4180), streamed (host, co-host or admin)")
                .Produces<string>(StatusCodes.Status200OK, "text/csv")
                .ProducesErrors(400, 401, 403, 404);
        }

        return app;
    }

    public static async Task<Ok<ApiResponse<LeaveSessionResponse>>> LeaveAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.View);
        var userId = api.Scope.Caller.UserId;
        var left = await api.Grains.Get<ISessionAudienceGrain>(sessionId).LeaveAsync(userId);
        return api.Envelope.Ok(new LeaveSessionResponse(sessionId, userId, left));
    }

    public static async Task<Ok<ApiResponse<ListResponse<ActiveViewerResponse>>>> ListViewersAsync(
        Guid sessionId, [AsParameters] PageParameters paging, [AsParameters] ApiServices api)
    {
        var page = paging.ToPageRequest();
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var viewers = await api.Grains.Get<ISessionAudienceGrain>(sessionId).GetViewersAsync();
        var result = KeysetPager.Paginate(viewers, v => new CatalogCursor(v.JoinedAt, v.UserId), page);
        return api.Envelope.Ok(ListResponse<ActiveViewerResponse>.From(result, page.Limit, ActiveViewerResponse.From));
    }

    public static async Task<Ok<ApiResponse<ListResponse<AttendanceResponse>>>> ListAttendanceAsync(
        Guid sessionId, [AsParameters] PageParameters paging, IAttendanceLog log, [AsParameters] ApiServices api)
    {
        var page = paging.ToPageRequest();
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var records = await log.ListAsync(sessionId, page);
        var now = api.Clock.GetUtcNow();
        return api.Envelope.Ok(ListResponse<AttendanceResponse>.From(records, page.Limit, r => AttendanceResponse.From(r, now)));
    }

    public static async Task<Ok<ApiResponse<AttendanceStatsResponse>>> GetStatsAsync(Guid sessionId, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var stats = await api.Grains.Get<ISessionAudienceGrain>(sessionId).GetStatsAsync();
        return api.Envelope.Ok(AttendanceStatsResponse.From(sessionId, stats));
    }

    public static async Task<PushStreamHttpResult> ExportAsync(
        Guid sessionId, IAttendanceLog log, IWebhookOutbox outbox, ILoggerFactory loggers, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var now = api.Clock.GetUtcNow();
        var exportedBy = api.Scope.Caller.UserId;
        return TypedResults.Stream(
            async body =>
            {
                var rows = await WriteCsvAsync(body, log.ReadAllAsync(sessionId), now);
                await RecordExportAsync(outbox, session, exportedBy, rows, now, loggers.CreateLogger(typeof(AttendanceApi).FullName!));
            },
            "text/csv; charset=utf-8",
            $"attendance-{sessionId:D}.csv");
    }

    /// <summary>
    /// The <c>attendance.exported</c> webhook event of a finished export: an event of its own each time (an export is
    /// not a state). The file has gone out already, so a failure to record the event is logged, not answered.
    /// </summary>
    private static async Task RecordExportAsync(IWebhookOutbox outbox, SessionSnapshot session, Guid exportedBy, int rows,
        DateTimeOffset at, ILogger logger)
    {
        try
        {
            const string type = WebhookEventTypes.AttendanceExported;
            await outbox.AppendAsync(new WebhookEvent("evt_" + Guid.NewGuid().ToString("N"), session.LibraryId, type, at,
                WebhookEvents.PayloadOf(type, at, new { SessionId = session.Id, session.RoomId, session.LibraryId, ExportedBy = exportedBy, Rows = rows })));
        }
        catch (Exception e) when (e is StorageUnavailableException or RoomcastException)
        {
            LogExportEventLost(logger, session.Id, e.Message);
        }
    }

    /// <summary>Writes rows as they are read, flushing every few hundred: memory stays flat however large the session.</summary>
    private static async Task<int> WriteCsvAsync(Stream body, IAsyncEnumerable<AttendanceRecord> records, DateTimeOffset now)
    {
        const int FlushEvery = 500;
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        // Display names are user input: a leading =, +, - or @ is escaped so a spreadsheet shows it instead of running it.
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        foreach (var header in AttendanceCsv.Header)
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync();
        var written = 0;
        await foreach (var record in records)
        {
            foreach (var field in AttendanceCsv.Fields(AttendanceResponse.From(record, now)))
            {
                csv.WriteField(field);
            }

            await csv.EndRecordAsync();
            if (++written % FlushEvery == 0)
            {
                await csv.FlushAsync();
            }
        }

        await csv.FlushAsync();
        return written;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attendance of session {SessionId} was exported, but its attendance.exported webhook event could not be recorded: {Reason}")]
    private static partial void LogExportEventLost(ILogger logger, Guid sessionId, string reason);
}
