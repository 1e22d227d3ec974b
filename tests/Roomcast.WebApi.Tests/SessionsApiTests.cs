using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(SessionsCollection.Name)]
public sealed class SessionsApiTests(RoomcastApiFactory api)
{
    // --- create -------------------------------------------------------------------------------------

    [Fact]
    public async Task CreateSessionReturns201WithScheduledStateAndExpiry()
    {
        var (host, room) = await api.CreateHostWithRoomAsync("private");
        var scheduledAt = DateTimeOffset.UtcNow.AddHours(2);

        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", ApiJson.Body(new
        {
            Name = "  Launch  ",
            Type = "webinar",
            ScheduledAt = scheduledAt,
            Settings = new { RecordingEnabled = true },
            MaxDurationSeconds = 3600,
        }));

        var session = await response.ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created);
        Assert.Equal($"/v1/sessions/{session.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Launch", session.Name);
        Assert.Equal("webinar", session.Type);
        Assert.Equal("scheduled", session.State);
        Assert.Equal("private", session.Visibility); // inherited from the room
        Assert.Equal(room.Id, session.RoomId);
        Assert.Equal(host.Id, session.HostId);
        Assert.Equal(host.Id, session.User);
        Assert.True(session.Settings.RecordingEnabled);
        Assert.Equal(3600, session.Config.MaxDurationSeconds);
        Assert.Equal(scheduledAt.AddMinutes(15), session.Meta.Expires!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal("idle", session.Meta.WorkerState);
        Assert.Equal(1, session.ChangeSequence);
        Assert.Empty(session.Sources);
    }

    [Fact]
    public async Task CreateSessionRejectsUnknownType()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            ApiJson.Body(new { Name = "S", Type = "concert", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1) }));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "type");
        Assert.Contains("broadcast", error.MessageOf("type"));
    }

    [Fact]
    public async Task CreateSessionRejectsUnknownVisibility()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            ApiJson.Body(new { Name = "S", Visibility = "secret", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1) }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "visibility");
    }

    [Fact]
    public async Task CreateSessionRejectsScheduleInThePast()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            ApiJson.Body(new { Name = "S", ScheduledAt = DateTimeOffset.UtcNow.AddHours(-1) }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "scheduled_at");
    }

    [Fact]
    public async Task CreateSessionRejectsScheduleSoFarAheadItsExpiryCannotBeComputed()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            ApiJson.Raw("""{"name": "S", "scheduled_at": "9999-12-31T23:59:59Z"}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "scheduled_at");
    }

    [Fact]
    public async Task CreateSessionAcceptsScheduleYearsAhead()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var session = await api.CreateSessionAsync(host, room.Id, scheduledAt: DateTimeOffset.UtcNow.AddYears(4));
        Assert.Equal("scheduled", (await api.GetSessionAsync(host, session.Id)).State);
    }

    [Fact]
    public async Task CreateSessionRejectsUnparsableSchedule()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", ApiJson.Raw("""{"name": "S", "scheduled_at": "tomorrow"}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "scheduled_at");
    }

    [Fact]
    public async Task CreateSessionListsEveryMissingOrBadField()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            ApiJson.Body(new { Name = new string('n', 257), MaxDurationSeconds = 0, Settings = new { MaxStageParticipants = 0 } }));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
        Assert.Contains(error.Details!, d => d.Field == "scheduled_at");
        Assert.Contains(error.Details!, d => d.Field == "max_duration_seconds");
        Assert.Contains(error.Details!, d => d.Field == "settings.max_stage_participants");
    }

    [Fact]
    public async Task CreateSessionRejectsUnknownNestedField()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            ApiJson.Raw("""{"name": "S", "scheduled_at": "2099-01-01T00:00:00Z", "settings": {"lasers": true}}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "settings.lasers");
    }

    [Fact]
    public async Task CreateSessionInRoomOfAnotherHostIs403()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var intruder = await api.CreateHostAsync();
        var response = await intruder.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            ApiJson.Body(new { Name = "S", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1) }));
        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CreateSessionInPrivateRoomOfAnotherHostIs404()
    {
        var (_, room) = await api.CreateHostWithRoomAsync("private");
        var intruder = await api.CreateHostAsync();
        var response = await intruder.Client.PostAsync($"/v1/rooms/{room.Id}/sessions",
            ApiJson.Body(new { Name = "S", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1) }));
        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task CreateSessionInUnknownRoomIs404()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync($"/v1/rooms/{Guid.NewGuid()}/sessions",
            ApiJson.Body(new { Name = "S", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1) }));
        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task CreateSessionWithMalformedRoomIdIs400()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/rooms/xyz/sessions",
            ApiJson.Body(new { Name = "S", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1) }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "room_id");
    }

    [Fact]
    public async Task CreateSessionWithoutTokenIs401()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var response = await api.Anonymous().PostAsync($"/v1/rooms/{room.Id}/sessions",
            ApiJson.Body(new { Name = "S", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1) }));
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    // --- get ----------------------------------------------------------------------------------------

    [Fact]
    public async Task GetSessionCarriesETagOfItsChangeSequence()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "Renamed" }))).ShouldSucceedAsync<SessionDto>();

        var response = await host.Client.GetAsync($"/v1/sessions/{session.Id}");

        var current = await response.ShouldSucceedAsync<SessionDto>();
        Assert.Equal(2, current.ChangeSequence);
        Assert.Equal($"\"{current.ChangeSequence}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task GetPrivateSessionOfAnotherHostIs404()
    {
        var (owner, _, session) = await api.CreateHostWithSessionAsync("private");
        var other = await api.CreateHostAsync();
        var viewer = await api.CreateViewerAsync();
        var admin = await api.AdminAsync();

        await (await other.Client.GetAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await viewer.Client.GetAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await api.GetSessionAsync(owner, session.Id);
        await api.GetSessionAsync(admin, session.Id);
    }

    [Fact]
    public async Task GetPublicSessionIsVisibleToViewers()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var viewer = await api.CreateViewerAsync();
        Assert.Equal(session.Id, (await api.GetSessionAsync(viewer, session.Id)).Id);
    }

    [Fact]
    public async Task GetUnknownSessionIs404()
    {
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.GetAsync($"/v1/sessions/{Guid.NewGuid()}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("GET", "/v1/sessions/not-a-uuid")]
    [InlineData("PATCH", "/v1/sessions/not-a-uuid")]
    [InlineData("DELETE", "/v1/sessions/not-a-uuid")]
    [InlineData("POST", "/v1/sessions/not-a-uuid/start")]
    [InlineData("POST", "/v1/sessions/not-a-uuid/end")]
    [InlineData("POST", "/v1/sessions/not-a-uuid/cancel")]
    [InlineData("POST", "/v1/sessions/not-a-uuid/heartbeat")]
    public async Task MalformedSessionIdIs400NamingSessionId(string method, string path)
    {
        var host = await api.CreateHostAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "PATCH" ? ApiJson.Body(new { Name = "X" }) : null,
        };
        await (await host.Client.SendAsync(request)).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "session_id");
    }

    [Fact]
    public async Task GetSessionWithoutTokenIs401()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        await (await api.Anonymous().GetAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    // --- PATCH /v1/sessions/{id} (seed 000: only name) ----------------------------------------------

    [Fact]
    public async Task PatchRenamesSessionAndBumpsChangeSequence()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "  New name  ", ChangeSequence = 1 }));
        var renamed = await response.ShouldSucceedAsync<SessionDto>();
        Assert.Equal("New name", renamed.Name);
        Assert.Equal(2, renamed.ChangeSequence);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task PatchAcceptsNameOf256Characters()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var name = new string('a', 256);
        var renamed = await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = name }))).ShouldSucceedAsync<SessionDto>();
        Assert.Equal(name, renamed.Name);
    }

    [Fact]
    public async Task PatchRejectsNameLongerThan256Characters()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = new string('a', 257) }));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
        Assert.Contains("256", error.MessageOf("name"));
        Assert.Equal(session.Name, (await api.GetSessionAsync(host, session.Id)).Name);
    }

    [Theory]
    [InlineData("state", "\"live\"")]
    [InlineData("meta", "{\"expires\": null}")]
    [InlineData("duration", "100")]
    [InlineData("type", "\"meeting\"")]
    [InlineData("sources", "[]")]
    [InlineData("config", "{}")]
    [InlineData("version", "2")]
    [InlineData("host_id", "\"00000000-0000-0000-0000-000000000001\"")]
    public async Task PatchRejectsReadOnlyFieldNamingIt(string field, string value)
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Raw($$"""{"name": "Fine", "{{field}}": {{value}}}"""));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: field);
        Assert.Contains("read-only", error.MessageOf(field));
        Assert.Equal(1, (await api.GetSessionAsync(host, session.Id)).ChangeSequence);
    }

    [Fact]
    public async Task PatchRejectsUnknownField()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Raw("""{"name": "Fine", "colour": "red"}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "colour");
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("""{"name": "   "}""", "name")]
    [InlineData("""{"name": 5}""", "name")]
    [InlineData("""{"name": "x", "change_sequence": 0}""", "change_sequence")]
    public async Task PatchRejectsBadBodies(string body, string field)
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Raw(body));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: field);
    }

    /// <summary>Read like every other body since issue 13: a body that is not an object is unreadable, as on every route.</summary>
    [Theory]
    [InlineData("[]")]
    [InlineData("\"name\"")]
    [InlineData("null")]
    public async Task PatchRejectsABodyThatIsNotAnObject(string body)
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Raw(body));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, body == "null" ? "validation_failed" : "malformed_json");
    }

    [Fact]
    public async Task PatchRejectsMalformedJson()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Raw("{\"name\": \"x\""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task PatchWithStaleChangeSequenceIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "One" }))).ShouldSucceedAsync<SessionDto>();

        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "Two", ChangeSequence = 1 }));

        await response.ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
        Assert.Equal("One", (await api.GetSessionAsync(host, session.Id)).Name);
    }

    [Fact]
    public async Task PatchWithStaleIfMatchIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "One" }))).ShouldSucceedAsync<SessionDto>();

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/sessions/{session.Id}") { Content = ApiJson.Body(new { Name = "Two" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await host.Client.SendAsync(request)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
    }

    [Fact]
    public async Task PatchWithCurrentIfMatchSucceeds()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/sessions/{session.Id}") { Content = ApiJson.Body(new { Name = "Two" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");
        var renamed = await (await host.Client.SendAsync(request)).ShouldSucceedAsync<SessionDto>();
        Assert.Equal("Two", renamed.Name);
    }

    [Fact]
    public async Task PatchSessionOfAnotherHostIs403()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var intruder = await api.CreateHostAsync();
        await (await intruder.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "Mine" })))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task PatchPrivateSessionOfAnotherHostIs404()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync("private");
        var intruder = await api.CreateHostAsync();
        await (await intruder.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "Mine" })))
            .ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task PatchUnknownSessionIs404()
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{Guid.NewGuid()}", ApiJson.Body(new { Name = "X" })))
            .ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    // --- lifecycle ----------------------------------------------------------------------------------

    [Fact]
    public async Task SessionGoesLiveTakesHeartbeatsAndMediaChangesThenEnds()
    {
        var (host, room, session) = await api.CreateHostWithSessionAsync();

        var live = await api.StartSessionAsync(host, session.Id);
        Assert.Equal("live", live.State);
        Assert.NotNull(live.StartedAt);
        Assert.Equal("working", live.Meta.WorkerState);
        Assert.Equal("healthy", live.Meta.HealthCheck.Status);
        Assert.Equal(live.StartedAt!.Value.AddSeconds(live.Config.MaxDurationSeconds), live.Meta.Expires!.Value, TimeSpan.FromMilliseconds(1));
        await Eventually.MatchAsync(() => GetRoomAsync(host, room.Id), r => r.LiveSessions == 1, TimeSpan.FromSeconds(5), "the room to count the live session");

        var heartbeat = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/heartbeat", null)).ShouldSucceedAsync<HealthCheckDto>();
        Assert.Equal("healthy", heartbeat.Status);
        Assert.NotNull(heartbeat.LastHostSignalAt);

        var withVideo = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/video_state",
            ApiJson.Body(new { Enabled = true, Device = "usb-cam", Name = "Front camera" }))).ShouldSucceedAsync<SessionDto>();
        var video = Assert.Single(withVideo.Sources);
        Assert.Equal(("video", "usb-cam", "Front camera", true), (video.Type, video.Device, video.Name, video.Enabled));

        var withAudio = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/audio_state",
            ApiJson.Body(new { Enabled = false }))).ShouldSucceedAsync<SessionDto>();
        Assert.Equal(2, withAudio.Sources.Count);
        var audio = Assert.Single(withAudio.Sources, s => s.Type == "audio");
        Assert.False(audio.Enabled);
        Assert.Equal("local_microphone", audio.Device);

        var videoOff = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/video_state",
            ApiJson.Body(new { Enabled = false }))).ShouldSucceedAsync<SessionDto>();
        var updatedVideo = Assert.Single(videoOff.Sources, s => s.Type == "video");
        Assert.Equal((video.Id, "usb-cam", false), (updatedVideo.Id, updatedVideo.Device, updatedVideo.Enabled));

        var endResponse = await host.Client.PostAsync($"/v1/sessions/{session.Id}/end", null);
        var ended = await endResponse.ShouldSucceedAsync<SessionDto>();
        Assert.Equal("ended", ended.State);
        Assert.Equal("host_ended", ended.EndReason);
        Assert.NotNull(ended.EndedAt);
        Assert.Null(ended.Meta.Expires);
        Assert.Equal("stopped", ended.Meta.WorkerState);
        Assert.Equal($"\"{ended.ChangeSequence}\"", endResponse.Headers.ETag?.Tag);
        await Eventually.MatchAsync(() => GetRoomAsync(host, room.Id), r => r.LiveSessions == 0, TimeSpan.FromSeconds(5), "the room to forget the ended session");
    }

    [Fact]
    public async Task MediaStateRequiresEnabled()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PostAsync($"/v1/sessions/{session.Id}/audio_state", ApiJson.Body(new { Device = "mic" }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "enabled");
    }

    [Theory]
    [InlineData("video_state")]
    [InlineData("audio_state")]
    public async Task MediaStateWithoutBodyIs400NamingBody(string route)
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PostAsync($"/v1/sessions/{session.Id}/{route}", null);
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "body");
    }

    [Fact]
    public async Task PatchWithoutBodyIs400NamingBody()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}", null);
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "body");
    }

    [Fact]
    public async Task MediaStateRejectsNonBooleanEnabled()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PostAsync($"/v1/sessions/{session.Id}/video_state", ApiJson.Raw("""{"enabled": "yes"}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "enabled");
    }

    [Fact]
    public async Task MediaStateOfEndedSessionIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/cancel", null)).ShouldSucceedAsync<SessionDto>();
        var response = await host.Client.PostAsync($"/v1/sessions/{session.Id}/video_state", ApiJson.Body(new { Enabled = true }));
        var error = await response.ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("cancelled", error.MessageOf("state"));
    }

    [Fact]
    public async Task MediaStateOfAnotherHostsSessionIs403()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var intruder = await api.CreateHostAsync();
        await (await intruder.Client.PostAsync($"/v1/sessions/{session.Id}/audio_state", ApiJson.Body(new { Enabled = true })))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task HeartbeatOfScheduledSessionIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var error = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/heartbeat", null))
            .ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("scheduled", error.MessageOf("state"));
    }

    [Fact]
    public async Task HeartbeatOfAnotherHostsSessionIs403()
    {
        var (owner, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(owner, session.Id);
        var intruder = await api.CreateHostAsync();
        await (await intruder.Client.PostAsync($"/v1/sessions/{session.Id}/heartbeat", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task HeartbeatOfUnknownSessionIs404()
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{Guid.NewGuid()}/heartbeat", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task CancelScheduledSession()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var cancelled = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/cancel", null)).ShouldSucceedAsync<SessionDto>();
        Assert.Equal("cancelled", cancelled.State);
        Assert.Equal("cancelled", cancelled.EndReason);
        Assert.Null(cancelled.Meta.Expires);
        Assert.Equal("cancelled", (await api.GetSessionAsync(host, session.Id)).State);
    }

    [Fact]
    public async Task EndScheduledSessionIs409WithCurrentState()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var error = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/end", null))
            .ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("scheduled", error.MessageOf("state"));
    }

    [Fact]
    public async Task StartEndedSessionIs409WithCurrentState()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/end", null)).ShouldSucceedAsync<SessionDto>();

        var error = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/start", null))
            .ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("ended", error.MessageOf("state"));
    }

    [Fact]
    public async Task StartLiveSessionAgainIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        var error = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/start", null))
            .ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("live", error.MessageOf("state"));
    }

    [Fact]
    public async Task CancelLiveSessionIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        var error = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/cancel", null))
            .ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("live", error.MessageOf("state"));
    }

    [Fact]
    public async Task StartWithStaleIfMatchIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "Changed" }))).ShouldSucceedAsync<SessionDto>();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{session.Id}/start");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await host.Client.SendAsync(request)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
        Assert.Equal("scheduled", (await api.GetSessionAsync(host, session.Id)).State);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("end")]
    [InlineData("cancel")]
    public async Task LifecycleActionOnAnotherHostsSessionIs403(string action)
    {
        var (owner, _, session) = await api.CreateHostWithSessionAsync();
        if (action == "end")
        {
            await api.StartSessionAsync(owner, session.Id);
        }

        var intruder = await api.CreateHostAsync();
        await (await intruder.Client.PostAsync($"/v1/sessions/{session.Id}/{action}", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ViewerCannotStartPublicSession()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/start", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task StartPrivateSessionOfAnotherHostIs404()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync("private");
        var intruder = await api.CreateHostAsync();
        await (await intruder.Client.PostAsync($"/v1/sessions/{session.Id}/start", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AdminMayStartAndEndAnySession()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync("private");
        var admin = await api.AdminAsync();
        Assert.Equal("live", (await api.StartSessionAsync(admin, session.Id)).State);
        Assert.Equal("ended", (await (await admin.Client.PostAsync($"/v1/sessions/{session.Id}/end", null)).ShouldSucceedAsync<SessionDto>()).State);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("end")]
    [InlineData("cancel")]
    public async Task LifecycleActionOnUnknownSessionIs404(string action)
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{Guid.NewGuid()}/{action}", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("start")]
    [InlineData("end")]
    [InlineData("cancel")]
    [InlineData("heartbeat")]
    public async Task LifecycleActionWithoutTokenIs401(string action)
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        await (await api.Anonymous().PostAsync($"/v1/sessions/{session.Id}/{action}", null)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    // --- schedule and settings ----------------------------------------------------------------------

    [Fact]
    public async Task RescheduleMovesScheduledAtAndExpiry()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var later = DateTimeOffset.UtcNow.AddDays(3);

        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/schedule", ApiJson.Body(new { ScheduledAt = later, ChangeSequence = 1 }));

        var moved = await response.ShouldSucceedAsync<SessionDto>();
        Assert.Equal(later, moved.ScheduledAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(later.AddMinutes(15), moved.Meta.Expires!.Value, TimeSpan.FromMilliseconds(1));
        Assert.True(moved.Meta.Expires > session.Meta.Expires);
        Assert.Equal(2, moved.ChangeSequence);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task RescheduleRejectsPastTime()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/schedule", ApiJson.Body(new { ScheduledAt = DateTimeOffset.UtcNow.AddMinutes(-5) }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "scheduled_at");
    }

    [Fact]
    public async Task RescheduleRejectsTimeSoFarAheadItsExpiryCannotBeComputed()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/schedule", ApiJson.Raw("""{"scheduled_at": "9999-12-31T23:59:59Z"}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "scheduled_at");
    }

    [Fact]
    public async Task RescheduleRequiresScheduledAt()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/schedule", ApiJson.Raw("{}"));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "scheduled_at");
    }

    [Fact]
    public async Task RescheduleLiveSessionIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/schedule", ApiJson.Body(new { ScheduledAt = DateTimeOffset.UtcNow.AddDays(1) }));
        var error = await response.ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("live", error.MessageOf("state"));
    }

    [Fact]
    public async Task RescheduleWithStaleChangeSequenceIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "Changed" }))).ShouldSucceedAsync<SessionDto>();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/schedule", ApiJson.Body(new { ScheduledAt = DateTimeOffset.UtcNow.AddDays(1), ChangeSequence = 1 }));
        await response.ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
    }

    [Fact]
    public async Task RescheduleAnotherHostsSessionIs403()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var intruder = await api.CreateHostAsync();
        var response = await intruder.Client.PatchAsync($"/v1/sessions/{session.Id}/schedule", ApiJson.Body(new { ScheduledAt = DateTimeOffset.UtcNow.AddDays(1) }));
        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task SettingsPatchChangesOnlyNamedSettings()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/settings",
            ApiJson.Body(new { ChatEnabled = !session.Settings.ChatEnabled, MaxStageParticipants = 4, ChangeSequence = 1 }));

        var updated = await response.ShouldSucceedAsync<SessionDto>();
        Assert.Equal(session.Settings with { ChatEnabled = !session.Settings.ChatEnabled, MaxStageParticipants = 4 }, updated.Settings);
        Assert.Equal(2, updated.ChangeSequence);
    }

    [Fact]
    public async Task SettingsPatchAppliesToLiveSession()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        var updated = await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Body(new { RecordingEnabled = true })))
            .ShouldSucceedAsync<SessionDto>();
        Assert.True(updated.Settings.RecordingEnabled);
    }

    [Fact]
    public async Task SettingsPatchRejectsEmptyPatch()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Raw("""{"change_sequence": 1}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "body");
    }

    [Fact]
    public async Task SettingsPatchRejectsOutOfRangeStageSize()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Body(new { MaxStageParticipants = 100000 }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "max_stage_participants");
    }

    [Fact]
    public async Task SettingsPatchRejectsUnknownSetting()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Raw("""{"confetti_enabled": true}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "confetti_enabled");
    }

    [Fact]
    public async Task SettingsPatchOfCancelledSessionIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/cancel", null)).ShouldSucceedAsync<SessionDto>();
        var response = await host.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Body(new { ChatEnabled = false }));
        var error = await response.ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("cancelled", error.MessageOf("state"));
    }

    [Fact]
    public async Task SettingsPatchWithStaleIfMatchIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "Changed" }))).ShouldSucceedAsync<SessionDto>();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/sessions/{session.Id}/settings") { Content = ApiJson.Body(new { ChatEnabled = false }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await host.Client.SendAsync(request)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
    }

    [Fact]
    public async Task SettingsPatchOfAnotherHostsSessionIs403()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var intruder = await api.CreateHostAsync();
        var response = await intruder.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Body(new { ChatEnabled = false }));
        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    // --- delete -------------------------------------------------------------------------------------

    [Fact]
    public async Task DeleteScheduledSessionThenItIsGone()
    {
        var (host, room, session) = await api.CreateHostWithSessionAsync();
        var deleted = await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}")).ShouldSucceedAsync<DeletedDto>();
        Assert.Equal(new DeletedDto(session.Id, true), deleted);

        await (await host.Client.GetAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/start", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        var list = await (await host.Client.GetAsync($"/v1/rooms/{room.Id}/sessions")).ShouldSucceedAsync<ListDto<SessionDto>>();
        Assert.DoesNotContain(list.Items, s => s.Id == session.Id);
    }

    [Fact]
    public async Task DeleteLiveSessionIs409WithCurrentState()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        var error = await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}"))
            .ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("live", error.MessageOf("state"));
        Assert.Equal("live", (await api.GetSessionAsync(host, session.Id)).State);
    }

    [Fact]
    public async Task DeleteEndedSessionSucceeds()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/end", null)).ShouldSucceedAsync<SessionDto>();
        await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}")).ShouldSucceedAsync<DeletedDto>();
    }

    [Fact]
    public async Task DeleteSessionWithStaleIfMatchIs409()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "Changed" }))).ShouldSucceedAsync<SessionDto>();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1/sessions/{session.Id}");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await host.Client.SendAsync(request)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
    }

    [Fact]
    public async Task DeleteAnotherHostsSessionIs403()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var intruder = await api.CreateHostAsync();
        await (await intruder.Client.DeleteAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task DeletePrivateSessionOfAnotherHostIs404()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync("private");
        var intruder = await api.CreateHostAsync();
        await (await intruder.Client.DeleteAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    private static async Task<RoomDto> GetRoomAsync(TestUser user, Guid roomId) =>
        await (await user.Client.GetAsync($"/v1/rooms/{roomId}")).ShouldSucceedAsync<RoomDto>();
}
