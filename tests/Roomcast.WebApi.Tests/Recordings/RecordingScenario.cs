using System.Net;
using System.Text.Json;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;
using Roomcast.WebApi.Tests.Webhooks;

namespace Roomcast.WebApi.Tests.Recordings;

/// <summary>
/// What the recording tests do again and again, through the public API: a live session with recording on, a start,
/// the egress LiveKit made for it (found in the fake by the recording's file path), signed egress webhooks moving
/// it, and the file the egress would have written.
/// </summary>
public sealed class RecordingScenario(RoomcastApiFactory api)
{
    public async Task<(TestUser Host, SessionDto Session)> LiveSessionAsync(bool recordingEnabled = true, string visibility = "public")
    {
        var (host, room) = await api.CreateHostWithRoomAsync(visibility);
        var session = await api.CreateSessionAsync(host, room.Id);
        if (recordingEnabled)
        {
            await EnableRecordingAsync(host, session.Id);
        }

        return (host, await api.StartSessionAsync(host, session.Id));
    }

    public static async Task EnableRecordingAsync(TestUser host, Guid sessionId)
    {
        var updated = await (await host.Client.PatchAsync($"/v1/sessions/{sessionId}/settings", ApiJson.Body(new { RecordingEnabled = true })))
            .ShouldSucceedAsync<SessionDto>();
        Assert.True(updated.Settings.RecordingEnabled);
    }

    public static Task<HttpResponseMessage> StartAsync(TestUser user, Guid sessionId, string? title = null) =>
        user.Client.PostAsync($"/v1/sessions/{sessionId}/recordings", title is null ? null : ApiJson.Body(new { Title = title }));

    public static async Task<RecordingDto> StartedAsync(TestUser user, Guid sessionId, string? title = null) =>
        await (await StartAsync(user, sessionId, title)).ShouldSucceedAsync<RecordingDto>(HttpStatusCode.Created);

    public static async Task<RecordingDto> StopAsync(TestUser user, Guid sessionId) =>
        await (await user.Client.PostAsync($"/v1/sessions/{sessionId}/recordings/stop", null)).ShouldSucceedAsync<RecordingDto>();

    public static async Task<RecordingDto> GetAsync(TestUser user, Guid recordingId) =>
        await (await user.Client.GetAsync($"/v1/recordings/{recordingId}")).ShouldSucceedAsync<RecordingDto>();

    /// <summary>Where LiveKit is told to write the file, and where the local store looks for it.</summary>
    public string FilePathOf(RecordingDto recording) =>
        Path.Combine(api.RecordingsRoot, "recordings", recording.SessionId.ToString("N"), recording.Id.ToString("N") + ".mp4");

    /// <summary>Writes the file as the egress would.</summary>
    public string WriteFile(RecordingDto recording, byte[] content)
    {
        var path = FilePathOf(recording);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>The egress LiveKit started for the recording: the one whose file output is the recording's file.</summary>
    public FakeEgress EgressOf(RecordingDto recording) =>
        api.LiveKit.Egresses.Single(e => e.RequestKind == "room_composite" && FilePathOfRequest(e.Request) == FilePathOf(recording));

    public static string? FilePathOfRequest(JsonElement request) =>
        request.TryGetProperty("file_outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Array && outputs.GetArrayLength() > 0
            ? outputs[0].GetProperty("filepath").GetString()
            : null;

    /// <summary>Moves the egress in the fake and delivers the webhook LiveKit would send about it.</summary>
    public async Task<LiveKitWebhookDto> ReportAsync(string egressId, FakeEgressStatus status, string? error = null,
        IReadOnlyList<FakeEgressFile>? files = null, string? eventName = null)
    {
        var egress = api.LiveKit.SetEgressStatus(egressId, status, error, files);
        var name = eventName ?? status switch
        {
            FakeEgressStatus.Starting => "egress_started",
            FakeEgressStatus.Active or FakeEgressStatus.Ending => "egress_updated",
            _ => "egress_ended",
        };
        return await DeliverAsync(LiveKitWebhookBodies.Egress(name, egress, DateTimeOffset.UtcNow));
    }

    public async Task<LiveKitWebhookDto> DeliverAsync(string body)
    {
        using var request = LiveKitWebhooks.Request(body, api.LiveKit.SignWebhook(body));
        return await (await api.CreateClient().SendAsync(request)).ShouldSucceedAsync<LiveKitWebhookDto>();
    }

    /// <summary>The file result LiveKit reports for the recording's file.</summary>
    public FakeEgressFile FileResult(RecordingDto recording, TimeSpan duration) =>
        new(FilePathOf(recording), FilePathOf(recording), new FileInfo(FilePathOf(recording)).Length, duration);

    /// <summary>A recording made end to end (start, active, file written, stop, complete): ready, with <paramref name="content"/> as its file.</summary>
    public async Task<RecordingDto> ReadyRecordingAsync(TestUser host, Guid sessionId, byte[] content, string? title = null)
    {
        var started = await StartedAsync(host, sessionId, title);
        var egress = EgressOf(started);
        await ReportAsync(egress.EgressId, FakeEgressStatus.Active, eventName: "egress_started");
        WriteFile(started, content);
        await StopAsync(host, sessionId);
        await ReportAsync(egress.EgressId, FakeEgressStatus.Complete, files: [FileResult(started, TimeSpan.FromSeconds(42))]);
        var ready = await GetAsync(host, started.Id);
        Assert.Equal("ready", ready.Status);
        return ready;
    }

    public static byte[] Content(int length, int seed = 1) => Enumerable.Range(0, length).Select(i => (byte)((i * 31 + seed) % 251)).ToArray();
}
