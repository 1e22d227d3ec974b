using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(PresetsCollection.Name)]
public sealed class PresetsApiTests(RoomcastApiFactory api)
{
    private static string Fresh(string what) => $"{what} {Guid.NewGuid().ToString("N")[..8]}";

    private async Task<PresetDto> CreatePresetAsync(TestUser owner, object? body = null, string prefix = "/v1")
    {
        var response = await owner.Client.PostAsync($"{prefix}/presets", ApiJson.Body(body ?? new { Name = Fresh("Preset") }));
        return await response.ShouldSucceedAsync<PresetDto>(HttpStatusCode.Created);
    }

    private static async Task<PresetDto> GetPresetAsync(TestUser user, Guid presetId) =>
        await (await user.Client.GetAsync($"/v1/presets/{presetId}")).ShouldSucceedAsync<PresetDto>();

    private static async Task<List<PresetDto>> ListAllAsync(TestUser user)
    {
        var page = await (await user.Client.GetAsync("/v1/presets?limit=100")).ShouldSucceedAsync<ListDto<PresetDto>>();
        return [.. page.Items];
    }

    private static async Task<HttpResponseMessage> CreateSessionAsync(TestUser caller, Guid roomId, object body) =>
        await caller.Client.PostAsync($"/v1/rooms/{roomId}/sessions", ApiJson.Body(body));

    [Fact]
    public async Task CreateReturns201WithLocationAndTheBroadcastDefaults()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/presets", ApiJson.Body(new { Name = "  Town hall  " }));

        var preset = await response.ShouldSucceedAsync<PresetDto>(HttpStatusCode.Created);
        Assert.Equal($"/v1/presets/{preset.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Town hall", preset.Name);
        Assert.Equal(host.Id, preset.OwnerId);
        Assert.Equal("00000000-0000-0000-0000-000000000001", preset.LibraryId.ToString());
        Assert.Equal((true, true, false, false, 1), (preset.ChatEnabled, preset.PollsEnabled, preset.HandRaiseEnabled, preset.RecordingEnabled, preset.MaxStageParticipants));
        Assert.Null(preset.MaxViewers);
        Assert.Null(preset.MaxDurationSeconds);
        Assert.False(preset.IsDefault);
        Assert.Equal(1, preset.ChangeSequence);
    }

    [Fact]
    public async Task CreateKeepsEverySettingGiven()
    {
        var host = await api.CreateHostAsync();
        var preset = await CreatePresetAsync(host, new
        {
            Name = "Panel", ChatEnabled = false, PollsEnabled = false, HandRaiseEnabled = true, RecordingEnabled = true,
            MaxStageParticipants = 6, MaxViewers = 500, MaxDurationSeconds = 1800,
        });

        var read = await GetPresetAsync(host, preset.Id);
        Assert.Equal(preset, read);
        Assert.Equal((false, false, true, true, 6, 500, 1800),
            (read.ChatEnabled, read.PollsEnabled, read.HandRaiseEnabled, read.RecordingEnabled, read.MaxStageParticipants, read.MaxViewers, read.MaxDurationSeconds));
    }

    [Fact]
    public async Task GetTagsTheChangeSequence()
    {
        var host = await api.CreateHostAsync();
        var preset = await CreatePresetAsync(host);
        var response = await host.Client.GetAsync($"/v1/presets/{preset.Id}");
        await response.ShouldSucceedAsync<PresetDto>();
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\":\"   \"}", "name")]
    [InlineData("{\"name\":\"x\",\"max_stage_participants\":0}", "max_stage_participants")]
    [InlineData("{\"name\":\"x\",\"max_stage_participants\":51}", "max_stage_participants")]
    [InlineData("{\"name\":\"x\",\"max_viewers\":0}", "max_viewers")]
    [InlineData("{\"name\":\"x\",\"max_viewers\":100001}", "max_viewers")]
    [InlineData("{\"name\":\"x\",\"max_duration_seconds\":0}", "max_duration_seconds")]
    [InlineData("{\"name\":\"x\",\"max_duration_seconds\":999999999}", "max_duration_seconds")]
    public async Task CreateRejectsBadFieldsWith400(string body, string field)
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/presets", ApiJson.Raw(body));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task CreateRejectsANameLongerThan100Characters()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/presets", ApiJson.Body(new { Name = new string('n', 101) }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "name");
    }

    [Fact]
    public async Task CreateIsForbiddenToViewersAndApiKeysAndNeedsCredentials()
    {
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.PostAsync("/v1/presets", ApiJson.Body(new { Name = "Mine" })))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        var key = await api.CreateApiKeyAsync(Guid.Parse("00000000-0000-0000-0000-000000000001"), "host");
        var server = api.ApiKeyClient(key.Key);
        await (await server.PostAsync("/v1/presets", ApiJson.Body(new { Name = "Mine" }))).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await server.GetAsync("/v1/presets")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        await (await api.Anonymous().PostAsync("/v1/presets", ApiJson.Body(new { Name = "Mine" })))
            .ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await api.Anonymous().GetAsync("/v1/presets")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ListShowsOnlyMinePagedNewestFirst()
    {
        var host = await api.CreateHostAsync();
        var created = new List<PresetDto>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await CreatePresetAsync(host, new { Name = $"Preset {i}" }));
        }

        await CreatePresetAsync(await api.CreateHostAsync());

        var first = await (await host.Client.GetAsync("/v1/presets?limit=2")).ShouldSucceedAsync<ListDto<PresetDto>>();
        Assert.Equal(["Preset 4", "Preset 3"], first.Items.Select(p => p.Name));
        Assert.NotNull(first.NextCursor);
        Assert.Null(first.PrevCursor);

        var second = await (await host.Client.GetAsync($"/v1/presets?limit=2&start_after={first.NextCursor}")).ShouldSucceedAsync<ListDto<PresetDto>>();
        Assert.Equal(["Preset 2", "Preset 1"], second.Items.Select(p => p.Name));
        var third = await (await host.Client.GetAsync($"/v1/presets?limit=2&start_after={second.NextCursor}")).ShouldSucceedAsync<ListDto<PresetDto>>();
        Assert.Equal(["Preset 0"], third.Items.Select(p => p.Name));
        Assert.Null(third.NextCursor);

        var back = await (await host.Client.GetAsync($"/v1/presets?limit=2&end_before={second.PrevCursor}")).ShouldSucceedAsync<ListDto<PresetDto>>();
        Assert.Equal(["Preset 4", "Preset 3"], back.Items.Select(p => p.Name));
        Assert.All(await ListAllAsync(host), p => Assert.Equal(host.Id, p.OwnerId));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("start_after=not-a-cursor", "start_after")]
    [InlineData("end_before=%21%21", "end_before")]
    [InlineData("start_after=a&end_before=b", "end_before")]
    public async Task ListRejectsBadPagingWith400(string query, string field)
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.GetAsync($"/v1/presets?{query}")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task PatchChangesOnlyWhatItNamesAndZeroLiftsTheCaps()
    {
        var host = await api.CreateHostAsync();
        var preset = await CreatePresetAsync(host, new { Name = "Before", MaxViewers = 10, MaxDurationSeconds = 600, RecordingEnabled = true });

        var response = await host.Client.PatchAsync($"/v1/presets/{preset.Id}",
            ApiJson.Body(new { Name = "After", ChatEnabled = false, MaxViewers = 0, MaxDurationSeconds = 0, ChangeSequence = 1 }));
        var updated = await response.ShouldSucceedAsync<PresetDto>();

        Assert.Equal("After", updated.Name);
        Assert.False(updated.ChatEnabled);
        Assert.True(updated.RecordingEnabled);
        Assert.Null(updated.MaxViewers);
        Assert.Null(updated.MaxDurationSeconds);
        Assert.Equal(2, updated.ChangeSequence);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);

        var capped = await (await host.Client.PatchAsync($"/v1/presets/{preset.Id}", ApiJson.Body(new { MaxViewers = 25, MaxDurationSeconds = 60 })))
            .ShouldSucceedAsync<PresetDto>();
        Assert.Equal((25, 60), (capped.MaxViewers!.Value, capped.MaxDurationSeconds!.Value));
    }

    [Theory]
    [InlineData("{}", "body")]
    [InlineData("{\"name\":\" \"}", "name")]
    [InlineData("{\"max_stage_participants\":0}", "max_stage_participants")]
    [InlineData("{\"max_viewers\":-1}", "max_viewers")]
    [InlineData("{\"max_duration_seconds\":-1}", "max_duration_seconds")]
    [InlineData("{\"name\":\"x\",\"change_sequence\":0}", "change_sequence")]
    public async Task PatchRejectsBadFieldsWith400(string body, string field)
    {
        var host = await api.CreateHostAsync();
        var preset = await CreatePresetAsync(host);
        await (await host.Client.PatchAsync($"/v1/presets/{preset.Id}", ApiJson.Raw(body)))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task AStaleChangeSequenceIs409InTheBodyOrIfMatch()
    {
        var host = await api.CreateHostAsync();
        var preset = await CreatePresetAsync(host);
        await (await host.Client.PatchAsync($"/v1/presets/{preset.Id}", ApiJson.Body(new { Name = "One" }))).ShouldSucceedAsync<PresetDto>();

        await (await host.Client.PatchAsync($"/v1/presets/{preset.Id}", ApiJson.Body(new { Name = "Two", ChangeSequence = 1 })))
            .ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/presets/{preset.Id}") { Content = ApiJson.Body(new { Name = "Two" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await host.Client.SendAsync(patch)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/v1/presets/{preset.Id}");
        delete.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await host.Client.SendAsync(delete)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
        Assert.Equal("One", (await GetPresetAsync(host, preset.Id)).Name);
    }

    [Fact]
    public async Task AnotherHostsPresetIsNotFoundOnEveryRouteButAnAdminReachesIt()
    {
        var owner = await api.CreateHostAsync();
        var other = await api.CreateHostAsync();
        var preset = await CreatePresetAsync(owner);
        var path = $"/v1/presets/{preset.Id}";

        await (await other.Client.GetAsync(path)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.Client.PatchAsync(path, ApiJson.Body(new { Name = "Mine now" }))).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.Client.PostAsync(path + "/default", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.Client.DeleteAsync(path)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(await ListAllAsync(other), p => p.Id == preset.Id);

        var admin = await api.AdminAsync();
        var renamed = await (await admin.Client.PatchAsync(path, ApiJson.Body(new { Name = "Renamed by admin" }))).ShouldSucceedAsync<PresetDto>();
        Assert.Equal(owner.Id, renamed.OwnerId);
        Assert.True((await (await admin.Client.PostAsync(path + "/default", null)).ShouldSucceedAsync<PresetDto>()).IsDefault);
        Assert.True((await GetPresetAsync(owner, preset.Id)).IsDefault);
    }

    [Fact]
    public async Task UnknownPresetsAreNotFound()
    {
        var host = await api.CreateHostAsync();
        var path = $"/v1/presets/{Guid.NewGuid()}";
        await (await host.Client.GetAsync(path)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.PatchAsync(path, ApiJson.Body(new { Name = "x" }))).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.DeleteAsync(path)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.PostAsync(path + "/default", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ThroughTheLibraryPrefixPresetsAreConfinedToThatLibrary()
    {
        var library = await api.CreateLibraryAsync();
        var other = await api.CreateLibraryAsync();
        var host = await api.CreateUserAsync("host", library.Id);
        var inLibrary = $"/v1/libraries/{library.Id}";

        var response = await host.Client.PostAsync($"{inLibrary}/presets", ApiJson.Body(new { Name = "Scoped" }));
        var preset = await response.ShouldSucceedAsync<PresetDto>(HttpStatusCode.Created);
        Assert.Equal($"{inLibrary}/presets/{preset.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(library.Id, preset.LibraryId);
        await (await host.Client.GetAsync($"{inLibrary}/presets/{preset.Id}")).ShouldSucceedAsync<PresetDto>();
        var listed = await (await host.Client.GetAsync($"{inLibrary}/presets")).ShouldSucceedAsync<ListDto<PresetDto>>();
        Assert.Equal([preset.Id], listed.Items.Select(p => p.Id));

        await (await host.Client.GetAsync($"/v1/libraries/{other.Id}/presets/{preset.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        var admin = await api.AdminAsync();
        await (await admin.Client.GetAsync($"/v1/libraries/{other.Id}/presets/{preset.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.Client.GetAsync($"{inLibrary}/presets/{preset.Id}")).ShouldSucceedAsync<PresetDto>();
    }

    [Fact]
    public async Task DeleteRemovesThePresetAndASecondDeleteIs404()
    {
        var host = await api.CreateHostAsync();
        var preset = await CreatePresetAsync(host);

        var deleted = await (await host.Client.DeleteAsync($"/v1/presets/{preset.Id}")).ShouldSucceedAsync<DeletedDto>();
        Assert.Equal(new DeletedDto(preset.Id, true), deleted);
        await (await host.Client.GetAsync($"/v1/presets/{preset.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(await ListAllAsync(host), p => p.Id == preset.Id);
        await (await host.Client.DeleteAsync($"/v1/presets/{preset.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task SetDefaultSwitchesTheDefaultAndDeletingItClearsIt()
    {
        var host = await api.CreateHostAsync();
        var first = await CreatePresetAsync(host);
        var second = await CreatePresetAsync(host);

        var made = await (await host.Client.PostAsync($"/v1/presets/{first.Id}/default", null)).ShouldSucceedAsync<PresetDto>();
        Assert.True(made.IsDefault);
        await (await host.Client.PostAsync($"/v1/presets/{second.Id}/default", null)).ShouldSucceedAsync<PresetDto>();
        Assert.False((await GetPresetAsync(host, first.Id)).IsDefault);
        Assert.Equal([second.Id], (await ListAllAsync(host)).Where(p => p.IsDefault).Select(p => p.Id));

        await (await host.Client.DeleteAsync($"/v1/presets/{second.Id}")).ShouldSucceedAsync<DeletedDto>();
        Assert.DoesNotContain(await ListAllAsync(host), p => p.IsDefault);
    }

    [Fact]
    public async Task ConcurrentSetDefaultCallsLeaveExactlyOneDefault()
    {
        var host = await api.CreateHostAsync();
        var presets = new List<PresetDto>();
        for (var i = 0; i < 5; i++)
        {
            presets.Add(await CreatePresetAsync(host));
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => host.Client.PostAsync($"/v1/presets/{presets[i % presets.Count].Id}/default", null)));
        foreach (var response in responses)
        {
            await response.ShouldSucceedAsync<PresetDto>();
        }

        var listed = await ListAllAsync(host);
        var defaults = listed.Where(p => p.IsDefault).ToList();
        Assert.Single(defaults);
        var reads = await Task.WhenAll(presets.Select(p => GetPresetAsync(host, p.Id)));
        Assert.Equal([defaults[0].Id], reads.Where(p => p.IsDefault).Select(p => p.Id));
    }

    [Fact]
    public async Task ASessionCreatedWithAPresetTakesItsSettings()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var preset = await CreatePresetAsync(host, new
        {
            Name = "Big panel", ChatEnabled = false, HandRaiseEnabled = true, RecordingEnabled = true,
            MaxStageParticipants = 8, MaxViewers = 300, MaxDurationSeconds = 900,
        });

        var session = await (await CreateSessionAsync(host, room.Id, new
        {
            Name = "With preset", Type = "webinar", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1), PresetId = preset.Id,
        })).ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created);

        Assert.Equal(new SettingsDto(false, true, true, true, 8, 300), session.Settings);
        Assert.Equal(900, session.Config.MaxDurationSeconds);
    }

    [Fact]
    public async Task ExplicitSessionFieldsWinOverThePreset()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var preset = await CreatePresetAsync(host, new { Name = "Base", RecordingEnabled = true, MaxStageParticipants = 8, MaxViewers = 300, MaxDurationSeconds = 900 });

        var session = await (await CreateSessionAsync(host, room.Id, new
        {
            Name = "Overridden", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1), PresetId = preset.Id,
            Settings = new { RecordingEnabled = false, MaxViewers = 0 }, MaxDurationSeconds = 120,
        })).ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created);

        Assert.Equal(new SettingsDto(true, true, false, false, 8, null), session.Settings);
        Assert.Equal(120, session.Config.MaxDurationSeconds);
    }

    [Fact]
    public async Task TheOwnersDefaultAppliesWhenNoPresetIsNamed()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var plain = await api.CreateSessionAsync(host, room.Id, type: "meeting");
        var preset = await CreatePresetAsync(host, new { Name = "Default", PollsEnabled = false, MaxStageParticipants = 3, MaxDurationSeconds = 300 });
        await (await host.Client.PostAsync($"/v1/presets/{preset.Id}/default", null)).ShouldSucceedAsync<PresetDto>();

        var session = await api.CreateSessionAsync(host, room.Id, type: "meeting");
        Assert.Equal(new SettingsDto(true, false, false, false, 3, null), session.Settings);
        Assert.Equal(300, session.Config.MaxDurationSeconds);
        Assert.NotEqual(plain.Settings, session.Settings);

        // An admin creating in the host's room gets the room owner's default too.
        var admin = await api.AdminAsync();
        var byAdmin = await api.CreateSessionAsync(admin, room.Id, type: "meeting");
        Assert.Equal(session.Settings, byAdmin.Settings);

        await (await host.Client.DeleteAsync($"/v1/presets/{preset.Id}")).ShouldSucceedAsync<DeletedDto>();
        var afterDelete = await api.CreateSessionAsync(host, room.Id, type: "meeting");
        Assert.Equal(plain.Settings, afterDelete.Settings);
        Assert.Equal(plain.Config.MaxDurationSeconds, afterDelete.Config.MaxDurationSeconds);
    }

    [Fact]
    public async Task AnotherHostsOrAnUnknownPresetIsRefusedWith400()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var others = await CreatePresetAsync(await api.CreateHostAsync());

        foreach (var presetId in new[] { others.Id, Guid.NewGuid() })
        {
            var error = await (await CreateSessionAsync(host, room.Id, new
            {
                Name = "Borrowed", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1), PresetId = presetId,
            })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "preset_id");
            Assert.Contains("names no preset", error.MessageOf("preset_id"));
        }
    }

    [Fact]
    public async Task AnAdminMayUseTheirOwnOrTheRoomOwnersPresetButAPresetOfAnotherLibraryIsRefused()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var admin = await api.AdminAsync();
        var ownersPreset = await CreatePresetAsync(host, new { Name = "Owner's", MaxStageParticipants = 4 });
        var adminsPreset = await CreatePresetAsync(admin, new { Name = "Admin's", MaxStageParticipants = 5 });
        var library = await api.CreateLibraryAsync();
        var elsewhere = await CreatePresetAsync(admin, new { Name = "Elsewhere" }, $"/v1/libraries/{library.Id}");

        foreach (var (preset, stage) in new[] { (ownersPreset, 4), (adminsPreset, 5) })
        {
            var session = await (await CreateSessionAsync(admin, room.Id, new
            {
                Name = "By admin", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1), PresetId = preset.Id,
            })).ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created);
            Assert.Equal(stage, session.Settings.MaxStageParticipants);
        }

        await (await CreateSessionAsync(admin, room.Id, new
        {
            Name = "Wrong library", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1), PresetId = elsewhere.Id,
        })).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "preset_id");
    }
}
