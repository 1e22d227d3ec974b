using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(RoomsCollection.Name)]
public sealed class RoomsApiTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task RoomListingReportsABadLimitAndAnOversizeTitleTogether()
    {
        var host = await api.CreateHostAsync();
        var title = new string('t', 257);

        foreach (var route in new[] { "/v1/rooms", "/v1/rooms/mine" })
        {
            var error = await (await host.Client.GetAsync($"{route}?limit=0&title={title}"))
                .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "limit");
            Assert.Contains(error.Details!, d => d.Field == "title");
        }
    }

    [Fact]
    public async Task CreateRoomReturns201WithLocationOwnerAndFirstChangeSequence()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/rooms",
            ApiJson.Body(new { Title = "  Friday talks  ", Description = "Weekly", Visibility = "private" }));

        var room = await response.ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);
        Assert.Equal($"/v1/rooms/{room.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(host.Id, room.OwnerId);
        Assert.Equal("Friday talks", room.Title);
        Assert.Equal("Weekly", room.Description);
        Assert.Equal("private", room.Visibility);
        Assert.Equal(1, room.ChangeSequence);
        Assert.Equal(0, room.SessionsCreated);
    }

    [Fact]
    public async Task CreateRoomDefaultsToPublic()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "Open room" }));
        var room = await response.ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);
        Assert.Equal("public", room.Visibility);
    }

    [Fact]
    public async Task AdminMayCreateRoom()
    {
        var admin = await api.AdminAsync();
        var room = await api.CreateRoomAsync(admin);
        Assert.Equal(admin.Id, room.OwnerId);
    }

    [Fact]
    public async Task CreateRoomIsForbiddenToViewers()
    {
        var viewer = await api.CreateViewerAsync();
        var response = await viewer.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "Mine" }));
        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CreateRoomWithoutTokenIs401()
    {
        var response = await api.Anonymous().PostAsync("/v1/rooms", ApiJson.Body(new { Title = "Mine" }));
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task CreateRoomRejectsUnknownVisibility()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "Room", Visibility = "secret" }));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "visibility");
        Assert.Contains("public", error.MessageOf("visibility"));
    }

    [Fact]
    public async Task CreateRoomRequiresTitle()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Description = "no title" }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "title");
    }

    [Fact]
    public async Task CreateRoomRejectsTitleLongerThan200Characters()
    {
        var host = await api.CreateHostAsync();
        var ok = await host.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = new string('t', 200) }));
        await ok.ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);

        var response = await host.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = new string('t', 201) }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "title");
    }

    [Fact]
    public async Task CreateRoomRejectsUnknownField()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/rooms", ApiJson.Raw("""{"title": "Room", "owner_id": "00000000-0000-0000-0000-000000000001"}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "owner_id");
    }

    [Fact]
    public async Task CreateRoomRejectsMalformedJson()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/rooms", ApiJson.Raw("{title: Room"));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task GetPublicRoomIsVisibleToOtherUsersWithETag()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var viewer = await api.CreateViewerAsync();

        var response = await viewer.Client.GetAsync($"/v1/rooms/{room.Id}");

        var seen = await response.ShouldSucceedAsync<RoomDto>();
        Assert.Equal(room.Id, seen.Id);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task GetPrivateRoomOfAnotherHostIs404()
    {
        var (owner, room) = await api.CreateHostWithRoomAsync("private");
        var other = await api.CreateHostAsync();
        var viewer = await api.CreateViewerAsync();
        var admin = await api.AdminAsync();

        await (await other.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await viewer.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await owner.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldSucceedAsync<RoomDto>();
        await (await admin.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldSucceedAsync<RoomDto>();
    }

    [Fact]
    public async Task GetUnknownRoomIs404()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.GetAsync($"/v1/rooms/{Guid.NewGuid()}");
        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task GetRoomWithMalformedIdIs400NamingRoomId()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.GetAsync("/v1/rooms/not-a-uuid");
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "room_id");
    }

    [Fact]
    public async Task GetRoomWithoutTokenIs401()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        await (await api.Anonymous().GetAsync($"/v1/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task PatchRoomChangesFieldsAndBumpsChangeSequence()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();

        var response = await host.Client.PatchAsync($"/v1/rooms/{room.Id}",
            ApiJson.Body(new { Title = "Renamed", Description = "Now described", Visibility = "private", ChangeSequence = 1 }));

        var updated = await response.ShouldSucceedAsync<RoomDto>();
        Assert.Equal("Renamed", updated.Title);
        Assert.Equal("Now described", updated.Description);
        Assert.Equal("private", updated.Visibility);
        Assert.Equal(2, updated.ChangeSequence);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task PatchRoomWithEmptyDescriptionRemovesIt()
    {
        var host = await api.CreateHostAsync();
        var created = await (await host.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "R", Description = "D" })))
            .ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);

        var updated = await (await host.Client.PatchAsync($"/v1/rooms/{created.Id}", ApiJson.Body(new { Description = "" })))
            .ShouldSucceedAsync<RoomDto>();
        Assert.Null(updated.Description);
        Assert.Equal("R", updated.Title);
    }

    [Fact]
    public async Task PatchRoomAcceptsMatchingIfMatch()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/rooms/{room.Id}") { Content = ApiJson.Body(new { Title = "By ETag" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var updated = await (await host.Client.SendAsync(request)).ShouldSucceedAsync<RoomDto>();
        Assert.Equal(2, updated.ChangeSequence);
    }

    [Fact]
    public async Task PatchRoomWithStaleChangeSequenceIs409()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        await (await host.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "First" }))).ShouldSucceedAsync<RoomDto>();

        var response = await host.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "Second", ChangeSequence = 1 }));

        await response.ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
        var current = await (await host.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldSucceedAsync<RoomDto>();
        Assert.Equal("First", current.Title);
    }

    [Fact]
    public async Task PatchRoomWithStaleIfMatchIs409()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        await (await host.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "First" }))).ShouldSucceedAsync<RoomDto>();

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/rooms/{room.Id}") { Content = ApiJson.Body(new { Title = "Second" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await host.Client.SendAsync(request)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
    }

    [Fact]
    public async Task PatchRoomRejectsMalformedIfMatch()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/rooms/{room.Id}") { Content = ApiJson.Body(new { Title = "X" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"abc\"");
        await (await host.Client.SendAsync(request)).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "If-Match");
    }

    [Fact]
    public async Task PatchRoomRejectsIfMatchThatContradictsBody()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/rooms/{room.Id}") { Content = ApiJson.Body(new { Title = "X", ChangeSequence = 1 }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        await (await host.Client.SendAsync(request)).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "change_sequence");
    }

    [Fact]
    public async Task PatchRoomRejectsEmptyPatch()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Raw("{}"));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "body");
    }

    [Fact]
    public async Task PatchRoomRejectsUnknownVisibilityAndBlankTitle()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var response = await host.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "   ", Visibility = "secret" }));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "visibility");
        Assert.Contains(error.Details!, d => d.Field == "title");
    }

    [Fact]
    public async Task PatchRoomOfAnotherHostIs403()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var intruder = await api.CreateHostAsync();
        var response = await intruder.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "Mine now" }));
        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task PatchPrivateRoomOfAnotherHostIs404()
    {
        var (_, room) = await api.CreateHostWithRoomAsync("private");
        var intruder = await api.CreateHostAsync();
        var response = await intruder.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "Mine now" }));
        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AdminMayPatchAnyRoom()
    {
        var (_, room) = await api.CreateHostWithRoomAsync("private");
        var admin = await api.AdminAsync();
        var updated = await (await admin.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "Moderated" })))
            .ShouldSucceedAsync<RoomDto>();
        Assert.Equal("Moderated", updated.Title);
    }

    [Fact]
    public async Task PatchUnknownRoomIs404()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PatchAsync($"/v1/rooms/{Guid.NewGuid()}", ApiJson.Body(new { Title = "X" }));
        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task DeleteRoomRemovesItAndItsSessions()
    {
        var (host, room, session) = await api.CreateHostWithSessionAsync();

        var deleted = await (await host.Client.DeleteAsync($"/v1/rooms/{room.Id}")).ShouldSucceedAsync<DeletedDto>();

        Assert.Equal(new DeletedDto(room.Id, true), deleted);
        await (await host.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.GetAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.DeleteAsync($"/v1/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "Back" }))).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task DeleteRoomWithLiveSessionIs409()
    {
        var (host, room, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        // The session tells its room it went live without waiting (fire-and-forget), so wait for the room to know.
        await Eventually.MatchAsync(
            async () => await (await host.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldSucceedAsync<RoomDto>(),
            r => r.LiveSessions == 1, TimeSpan.FromSeconds(5), "the room to count its live session");

        var response = await host.Client.DeleteAsync($"/v1/rooms/{room.Id}");

        var error = await response.ShouldFailAsync(HttpStatusCode.Conflict, "room_has_live_sessions");
        Assert.Contains("1 live session", error.Message);
        await (await host.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldSucceedAsync<RoomDto>();
    }

    [Fact]
    public async Task DeleteRoomWithStaleIfMatchIs409()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        await (await host.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "Changed" }))).ShouldSucceedAsync<RoomDto>();

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1/rooms/{room.Id}");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await host.Client.SendAsync(request)).ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
    }

    [Fact]
    public async Task DeleteRoomOfAnotherHostIs403()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var intruder = await api.CreateHostAsync();
        await (await intruder.Client.DeleteAsync($"/v1/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task DeleteRoomByViewerIs403()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var viewer = await api.CreateViewerAsync();
        await (await viewer.Client.DeleteAsync($"/v1/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task DeleteRoomWithMalformedIdIs400()
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.DeleteAsync("/v1/rooms/123")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "room_id");
    }

    [Fact]
    public async Task ListPublicRoomsShowsPublicRoomsOnlyAndFiltersByTitle()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var host = await api.CreateHostAsync();
        var open = await api.CreateRoomAsync(host, "public", $"Open {tag} room");
        var hidden = await api.CreateRoomAsync(host, "private", $"Hidden {tag} room");
        var viewer = await api.CreateViewerAsync();

        var list = await (await viewer.Client.GetAsync($"/v1/rooms?title={tag.ToUpperInvariant()}&limit=100"))
            .ShouldSucceedAsync<ListDto<RoomDto>>();

        Assert.Equal([open.Id], list.Items.Select(r => r.Id));
        Assert.DoesNotContain(list.Items, r => r.Id == hidden.Id);
        Assert.Equal(100, list.Limit);
    }

    [Fact]
    public async Task ListMyRoomsShowsOwnRoomsIncludingPrivateOnly()
    {
        var host = await api.CreateHostAsync();
        var open = await api.CreateRoomAsync(host, "public");
        var hidden = await api.CreateRoomAsync(host, "private");
        await api.CreateHostWithRoomAsync();

        var list = await (await host.Client.GetAsync("/v1/rooms/mine")).ShouldSucceedAsync<ListDto<RoomDto>>();

        Assert.Equal(new[] { hidden.Id, open.Id }.Order(), list.Items.Select(r => r.Id).Order());
        Assert.All(list.Items, r => Assert.Equal(host.Id, r.OwnerId));
        Assert.Equal(10, list.Limit);
        Assert.Null(list.NextCursor);
    }

    [Fact]
    public async Task ListMyRoomsPagesWithCursor()
    {
        var host = await api.CreateHostAsync();
        for (var i = 0; i < 3; i++)
        {
            await api.CreateRoomAsync(host);
        }

        var first = await (await host.Client.GetAsync("/v1/rooms/mine?limit=2")).ShouldSucceedAsync<ListDto<RoomDto>>();
        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.NextCursor);
        var second = await (await host.Client.GetAsync($"/v1/rooms/mine?limit=2&start_after={first.NextCursor}")).ShouldSucceedAsync<ListDto<RoomDto>>();
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);
        Assert.Empty(first.Items.Select(r => r.Id).Intersect(second.Items.Select(r => r.Id)));
    }

    [Theory]
    [InlineData("/v1/rooms?limit=0", "limit")]
    [InlineData("/v1/rooms?limit=101", "limit")]
    [InlineData("/v1/rooms?limit=abc", "limit")]
    [InlineData("/v1/rooms?start_after=bogus", "start_after")]
    [InlineData("/v1/rooms/mine?limit=-1", "limit")]
    [InlineData("/v1/rooms/mine?end_before=%21%21", "end_before")]
    public async Task RoomListingsRejectBadPaging(string path, string field)
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.GetAsync(path)).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: field);
    }

    [Theory]
    [InlineData("/v1/rooms")]
    [InlineData("/v1/rooms/mine")]
    public async Task RoomListingsWithoutTokenAre401(string path) =>
        await (await api.Anonymous().GetAsync(path)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
}
