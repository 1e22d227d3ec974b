using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

public sealed record ParticipantDto(Guid UserId, string Role, DateTimeOffset AddedOn);

public sealed record ParticipantsDto(Guid SessionId, Guid HostId, IReadOnlyList<ParticipantDto> Participants, long ChangeSequence);

/// <summary>Co-hosts run a session, moderators see it, only the host changes who holds which role.</summary>
[Collection(TenancyCollection.Name)]
public sealed class ParticipantsApiTests(RoomcastApiFactory api)
{
    private async Task<ParticipantsDto> AddAsync(TestUser host, Guid sessionId, string role, Guid userId) =>
        await (await host.Client.PostAsync($"/v1/sessions/{sessionId}/{role}", ApiJson.Body(new { UserId = userId })))
            .ShouldSucceedAsync<ParticipantsDto>();

    [Fact]
    public async Task ACoHostRunsAPrivateSessionButCannotChangeIt()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync("private");
        var coHost = await api.CreateHostAsync();

        var participants = await AddAsync(host, session.Id, "co_hosts", coHost.Id);

        var added = Assert.Single(participants.Participants);
        Assert.Equal((coHost.Id, "co_host"), (added.UserId, added.Role));
        Assert.Equal(host.Id, participants.HostId);
        await (await coHost.Client.GetAsync($"/v1/sessions/{session.Id}")).ShouldSucceedAsync<SessionDto>();
        var live = await (await coHost.Client.PostAsync($"/v1/sessions/{session.Id}/start", null)).ShouldSucceedAsync<SessionDto>();
        Assert.Equal("live", live.State);
        await (await coHost.Client.PostAsync($"/v1/sessions/{session.Id}/heartbeat", null)).ShouldSucceedAsync();
        await (await coHost.Client.PatchAsync($"/v1/sessions/{session.Id}", ApiJson.Body(new { Name = "mine now" })))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await coHost.Client.PostAsync($"/v1/sessions/{session.Id}/moderators", ApiJson.Body(new { UserId = coHost.Id })))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await coHost.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AModeratorSeesAPrivateSessionButCannotRunIt()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync("private");
        var moderator = await api.CreateViewerAsync();

        await AddAsync(host, session.Id, "moderators", moderator.Id);

        await (await moderator.Client.GetAsync($"/v1/sessions/{session.Id}")).ShouldSucceedAsync<SessionDto>();
        var listed = await (await moderator.Client.GetAsync($"/v1/sessions/{session.Id}/participants")).ShouldSucceedAsync<ParticipantsDto>();
        Assert.Equal("moderator", Assert.Single(listed.Participants).Role);
        await (await moderator.Client.PostAsync($"/v1/sessions/{session.Id}/start", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        // The room stays private to its owner; the session is listed among those the moderator holds a role in.
        await (await moderator.Client.GetAsync($"/v1/rooms/{session.RoomId}/sessions")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        var sessions = await (await moderator.Client.GetAsync("/v1/sessions?limit=100")).ShouldSucceedAsync<ListDto<SessionDto>>();
        Assert.Contains(sessions.Items, s => s.Id == session.Id);
    }

    [Fact]
    public async Task RemovingACoHostTakesThePrivateSessionOutOfTheirSight()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync("private");
        var coHost = await api.CreateHostAsync();
        await AddAsync(host, session.Id, "co_hosts", coHost.Id);

        var after = await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}/co_hosts/{coHost.Id}")).ShouldSucceedAsync<ParticipantsDto>();

        Assert.Empty(after.Participants);
        await (await coHost.Client.GetAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}/co_hosts/{coHost.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AUserHoldsOneRoleAndANewOneReplacesIt()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var user = await api.CreateHostAsync();
        await AddAsync(host, session.Id, "co_hosts", user.Id);

        var participants = await AddAsync(host, session.Id, "moderators", user.Id);

        Assert.Equal("moderator", Assert.Single(participants.Participants).Role);
        await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}/co_hosts/{user.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task OnlyUsersOfTheSessionsLibraryOtherThanItsHostMayBeAdded()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var library = await api.CreateLibraryAsync();
        var foreigner = await api.CreateUserAsync("host", library.Id);

        foreach (var userId in new[] { Guid.NewGuid(), foreigner.Id, host.Id })
        {
            await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { UserId = userId })))
                .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "user_id");
        }

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "user_id");
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Raw("""{"user_id":"nope"}""")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await host.Client.DeleteAsync($"/v1/sessions/{session.Id}/co_hosts/nope")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task AStaleChangeSequenceIsAConflict()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var user = await api.CreateHostAsync();

        var response = await host.Client.PostAsync($"/v1/sessions/{session.Id}/moderators",
            ApiJson.Body(new { UserId = user.Id, ChangeSequence = session.ChangeSequence + 5 }));

        await response.ShouldFailAsync(HttpStatusCode.Conflict, "stale_change_sequence");
    }

    [Fact]
    public async Task RolesCannotChangeOnceTheSessionIsOver()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var user = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/cancel", null)).ShouldSucceedAsync<SessionDto>();

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { UserId = user.Id })))
            .ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition");
    }

    [Fact]
    public async Task StrangersAreTurnedAwayByWhatTheyMaySee()
    {
        var (host, _, privateSession) = await api.CreateHostWithSessionAsync("private");
        var publicSession = await api.CreateSessionAsync(host, privateSession.RoomId, visibility: "public");
        var stranger = await api.CreateHostAsync();
        var body = ApiJson.Body(new { UserId = stranger.Id });

        await (await stranger.Client.PostAsync($"/v1/sessions/{privateSession.Id}/co_hosts", body)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.GetAsync($"/v1/sessions/{privateSession.Id}/participants")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.PostAsync($"/v1/sessions/{publicSession.Id}/co_hosts", ApiJson.Body(new { UserId = stranger.Id })))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await stranger.Client.GetAsync($"/v1/sessions/{publicSession.Id}/participants")).ShouldSucceedAsync<ParticipantsDto>();
        await (await api.Anonymous().GetAsync($"/v1/sessions/{publicSession.Id}/participants")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
