using System.Net;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Recordings;

/// <summary>GET /v1/recordings (mine), GET /v1/sessions/{id}/recordings and /recordings/active.</summary>
[Collection(RecordingsCollection.Name)]
public sealed class RecordingListingTests(RoomcastApiFactory api)
{
    private readonly RecordingScenario _scenario = new(api);

    private static async Task<ListDto<RecordingDto>> ListAsync(TestUser user, string url) =>
        await (await user.Client.GetAsync(url)).ShouldSucceedAsync<ListDto<RecordingDto>>();

    /// <summary>Three recordings of one session, one after the other: failed, ready, and the one still starting.</summary>
    private async Task<(TestUser Host, SessionDto Session, RecordingDto Failed, RecordingDto Ready, RecordingDto Starting)> ThreeRecordingsAsync()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var failed = await RecordingScenario.StartedAsync(host, session.Id, "first");
        await _scenario.ReportAsync(_scenario.EgressOf(failed).EgressId, FakeEgressStatus.Failed, error: "boom");
        var ready = await _scenario.ReadyRecordingAsync(host, session.Id, RecordingScenario.Content(10), "second");
        var starting = await RecordingScenario.StartedAsync(host, session.Id, "third");
        return (host, session, failed, ready, starting);
    }

    [Fact]
    public async Task MyRecordingsAreOnlyTheOnesOfSessionsIHostNewestFirst()
    {
        var (host, _, failed, ready, starting) = await ThreeRecordingsAsync();
        var (otherHost, otherSession) = await _scenario.LiveSessionAsync();
        await RecordingScenario.StartedAsync(otherHost, otherSession.Id);

        var mine = await ListAsync(host, "/v1/recordings");

        Assert.Equal([starting.Id, ready.Id, failed.Id], mine.Items.Select(r => r.Id));
        Assert.All(mine.Items, r => Assert.Equal(host.Id, r.OwnerId));
        Assert.Single((await ListAsync(otherHost, "/v1/recordings")).Items);
    }

    [Fact]
    public async Task MyRecordingsFilterByStatus()
    {
        var (host, _, failed, ready, starting) = await ThreeRecordingsAsync();

        Assert.Equal([ready.Id], (await ListAsync(host, "/v1/recordings?status=ready")).Items.Select(r => r.Id));
        Assert.Equal([failed.Id], (await ListAsync(host, "/v1/recordings?status=failed")).Items.Select(r => r.Id));
        Assert.Equal([starting.Id], (await ListAsync(host, "/v1/recordings?status=starting")).Items.Select(r => r.Id));
        Assert.Empty((await ListAsync(host, "/v1/recordings?status=processing")).Items);
    }

    [Theory]
    [InlineData("status=finished", "status")]
    [InlineData("status=", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("start_after=not-a-cursor", "start_after")]
    public async Task BadListParametersAreABadRequest(string query, string field)
    {
        var host = await api.CreateHostAsync();

        await (await host.Client.GetAsync($"/v1/recordings?{query}")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task MyRecordingsPageWithCursorsBothWays()
    {
        var (host, _, failed, ready, starting) = await ThreeRecordingsAsync();

        var first = await ListAsync(host, "/v1/recordings?limit=2");
        Assert.Equal([starting.Id, ready.Id], first.Items.Select(r => r.Id));
        Assert.NotNull(first.NextCursor);

        var second = await ListAsync(host, $"/v1/recordings?limit=2&start_after={Uri.EscapeDataString(first.NextCursor!)}");
        Assert.Equal([failed.Id], second.Items.Select(r => r.Id));
        Assert.Null(second.NextCursor);
        Assert.NotNull(second.PrevCursor);

        var back = await ListAsync(host, $"/v1/recordings?limit=2&end_before={Uri.EscapeDataString(second.PrevCursor!)}");
        Assert.Equal([starting.Id, ready.Id], back.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task ASessionsRecordingsAreListedForItsHostAndCoHostsNotItsViewers()
    {
        var (host, session, failed, ready, starting) = await ThreeRecordingsAsync();
        var coHost = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { UserId = coHost.Id }))).ShouldSucceedAsync();
        var viewer = await api.CreateViewerAsync();
        var (_, otherSession) = await _scenario.LiveSessionAsync();

        Assert.Equal([starting.Id, ready.Id, failed.Id], (await ListAsync(host, $"/v1/sessions/{session.Id}/recordings")).Items.Select(r => r.Id));
        Assert.Equal([starting.Id, ready.Id, failed.Id], (await ListAsync(coHost, $"/v1/sessions/{session.Id}/recordings")).Items.Select(r => r.Id));
        Assert.Equal([starting.Id], (await ListAsync(host, $"/v1/sessions/{session.Id}/recordings?limit=1")).Items.Select(r => r.Id));
        Assert.Empty((await ListAsync(await api.AdminAsync(), $"/v1/sessions/{otherSession.Id}/recordings")).Items);

        await (await viewer.Client.GetAsync($"/v1/sessions/{session.Id}/recordings")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await viewer.Client.GetAsync($"/v1/sessions/{session.Id}/recordings/active")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await host.Client.GetAsync($"/v1/sessions/{Guid.NewGuid()}/recordings")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ActiveShowsTheRecordingBeingMadeAndNothingOnceItIsStopped()
    {
        var (host, session) = await _scenario.LiveSessionAsync();
        var none = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/recordings/active")).ShouldSucceedAsync<ActiveRecordingDto>();
        Assert.Equal((session.Id, false, (RecordingDto?)null), (none.SessionId, none.Recording, none.ActiveRecording));

        var started = await RecordingScenario.StartedAsync(host, session.Id);
        await _scenario.ReportAsync(_scenario.EgressOf(started).EgressId, FakeEgressStatus.Active, eventName: "egress_started");
        var active = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/recordings/active")).ShouldSucceedAsync<ActiveRecordingDto>();
        Assert.True(active.Recording);
        Assert.Equal((started.Id, "recording"), (active.ActiveRecording!.Id, active.ActiveRecording.Status));

        await RecordingScenario.StopAsync(host, session.Id);
        var stopped = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/recordings/active")).ShouldSucceedAsync<ActiveRecordingDto>();
        Assert.False(stopped.Recording);
    }
}
