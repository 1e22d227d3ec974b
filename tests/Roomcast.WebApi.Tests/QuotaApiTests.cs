using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(QuotaCollection.Name)]
public sealed class QuotaApiTests(SmallQuotaApiFactory api)
{
    [Fact]
    public async Task ARoomBeyondTheOwnersQuotaIsA409NamingTheLimit()
    {
        var host = await api.CreateHostAsync();
        for (var i = 0; i < SmallQuotaApiFactory.RoomsPerOwner; i++)
        {
            await api.CreateRoomAsync(host);
        }

        var response = await host.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "One too many" }));

        var error = await response.ShouldFailAsync(HttpStatusCode.Conflict, "quota_exceeded");
        Assert.Contains($"{SmallQuotaApiFactory.RoomsPerOwner} rooms", error.Message);
        await api.CreateRoomAsync(await api.CreateHostAsync());
    }

    [Fact]
    public async Task AScheduledSessionBeyondTheOwnersQuotaIsA409AndCancellingOneFreesAPlace()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var sessions = new List<SessionDto>();
        for (var i = 0; i < SmallQuotaApiFactory.ScheduledSessionsPerOwner; i++)
        {
            sessions.Add(await api.CreateSessionAsync(host, room.Id));
        }

        var refused = await host.Client.PostAsync($"/v1/rooms/{room.Id}/sessions", ApiJson.Body(new
        {
            Name = "One too many", Type = "broadcast", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1),
        }));
        await refused.ShouldFailAsync(HttpStatusCode.Conflict, "quota_exceeded");

        await (await host.Client.PostAsync($"/v1/sessions/{sessions[0].Id}/cancel", null)).ShouldSucceedAsync();
        await api.CreateSessionAsync(host, room.Id);
    }

    [Fact]
    public async Task APresetBeyondTheOwnersQuotaIsA409AndDeletingOneFreesAPlace()
    {
        var host = await api.CreateHostAsync();
        var presets = new List<PresetDto>();
        for (var i = 0; i < SmallQuotaApiFactory.PresetsPerOwner; i++)
        {
            var created = await host.Client.PostAsync("/v1/presets", ApiJson.Body(new { Name = $"Preset {i}" }));
            presets.Add(await created.ShouldSucceedAsync<PresetDto>(HttpStatusCode.Created));
        }

        var refused = await host.Client.PostAsync("/v1/presets", ApiJson.Body(new { Name = "One too many" }));
        var error = await refused.ShouldFailAsync(HttpStatusCode.Conflict, "quota_exceeded");
        Assert.Contains($"{SmallQuotaApiFactory.PresetsPerOwner} presets", error.Message);

        await (await host.Client.DeleteAsync($"/v1/presets/{presets[0].Id}")).ShouldSucceedAsync();
        await (await host.Client.PostAsync("/v1/presets", ApiJson.Body(new { Name = "Fits again" }))).ShouldSucceedAsync(HttpStatusCode.Created);
    }
}
