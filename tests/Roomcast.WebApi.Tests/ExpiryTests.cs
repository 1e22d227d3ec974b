using System.Diagnostics;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>Deadlines through HTTP, on a host whose sessions expire one second after their scheduled time.</summary>
[Collection(ExpiryCollection.Name)]
public sealed class ExpiryTests(ShortLifecycleApiFactory api)
{
    [Fact]
    public async Task UnstartedSessionExpiresOnItsOwn()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var session = await api.CreateSessionAsync(host, room.Id, scheduledAt: DateTimeOffset.UtcNow);
        Assert.Equal("scheduled", session.State);
        Assert.Equal(session.ScheduledAt.AddSeconds(1), session.Meta.Expires!.Value, TimeSpan.FromMilliseconds(1));

        // Watch the catalog (the listing), which no GET can nudge: only the grain's own timer or reminder
        // can move the session to expired there.
        var clock = Stopwatch.StartNew();
        var listed = await Eventually.MatchAsync(
            async () => await (await host.Client.GetAsync($"/v1/rooms/{room.Id}/sessions?state=expired")).ShouldSucceedAsync<ListDto<SessionDto>>(),
            list => list.Items.Any(s => s.Id == session.Id),
            TimeSpan.FromSeconds(15),
            "the session to be listed as expired");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15));

        var expired = Assert.Single(listed.Items);
        Assert.Equal("not_started", expired.EndReason);
        var current = await api.GetSessionAsync(host, session.Id);
        Assert.Equal(("expired", "not_started"), (current.State, current.EndReason));
        Assert.Null(current.Meta.Expires);
        Assert.Equal(2, current.ChangeSequence);

        var error = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/start", null))
            .ShouldFailAsync(System.Net.HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("expired", error.MessageOf("state"));
        var stats = await (await host.Client.GetAsync("/v1/sessions/stats")).ShouldSucceedAsync<StatsDto>();
        Assert.Equal((1, 1), (stats.Total, stats.Expired));
    }

    [Fact]
    public async Task RescheduledSessionDoesNotExpireAtItsOldTime()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var session = await api.CreateSessionAsync(host, room.Id, scheduledAt: DateTimeOffset.UtcNow.AddSeconds(1));
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}/schedule", ApiJson.Body(new { ScheduledAt = DateTimeOffset.UtcNow.AddHours(1) })))
            .ShouldSucceedAsync<SessionDto>();

        await Task.Delay(TimeSpan.FromSeconds(3));

        var list = await (await host.Client.GetAsync($"/v1/rooms/{room.Id}/sessions")).ShouldSucceedAsync<ListDto<SessionDto>>();
        Assert.Equal("scheduled", Assert.Single(list.Items).State);
        Assert.Equal("scheduled", (await api.GetSessionAsync(host, session.Id)).State);
    }
}
