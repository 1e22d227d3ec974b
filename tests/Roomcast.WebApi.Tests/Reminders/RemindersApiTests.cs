using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Reminders;

/// <summary>Subscribing to a room's reminders, unsubscribing, and the status: who may, and what it says.</summary>
[Collection(RemindersCollection.Name)]
public sealed class RemindersApiTests(RoomcastApiFactory api)
{
    private static readonly TimeSpan DefaultLead = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task SubscribingTwiceIsOneSubscriptionAndUnsubscribingEndsIt()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var viewer = await api.CreateViewerAsync();
        var path = $"/v1/rooms/{room.Id}/reminders";

        var before = await (await viewer.Client.GetAsync(path)).ShouldSucceedAsync<RoomReminderDto>();
        var first = await (await viewer.Client.PostAsync(path, null)).ShouldSucceedAsync<RoomReminderDto>();
        var second = await (await viewer.Client.PostAsync(path, null)).ShouldSucceedAsync<RoomReminderDto>();
        var status = await (await viewer.Client.GetAsync(path)).ShouldSucceedAsync<RoomReminderDto>();

        Assert.Equal((room.Id, false, (DateTimeOffset?)null), (before.RoomId, before.Subscribed, before.SubscribedAt));
        Assert.True(first.Subscribed);
        Assert.NotNull(first.SubscribedAt);
        Assert.Equal(first, second);
        Assert.Equal(first, status);

        var removed = await (await viewer.Client.DeleteAsync(path)).ShouldSucceedAsync<RoomReminderDto>();
        var again = await (await viewer.Client.DeleteAsync(path)).ShouldSucceedAsync<RoomReminderDto>();
        Assert.False(removed.Subscribed);
        Assert.False(again.Subscribed);
        Assert.False((await (await viewer.Client.GetAsync(path)).ShouldSucceedAsync<RoomReminderDto>()).Subscribed);
    }

    [Fact]
    public async Task TheStatusNamesTheRoomsNextScheduledSessionAndWhenItsDueReminderFires()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var viewer = await api.CreateViewerAsync();
        var later = await api.CreateSessionAsync(host, room.Id, scheduledAt: DateTimeOffset.UtcNow.AddHours(5));
        var sooner = await api.CreateSessionAsync(host, room.Id, scheduledAt: DateTimeOffset.UtcNow.AddHours(2));

        var status = await (await viewer.Client.PostAsync($"/v1/rooms/{room.Id}/reminders", null)).ShouldSucceedAsync<RoomReminderDto>();

        var next = Assert.IsType<NextReminderDto>(status.Next);
        Assert.NotEqual(later.Id, next.SessionId);
        Assert.Equal(sooner.Id, next.SessionId);
        Assert.Equal(sooner.ScheduledAt - DefaultLead, next.DueAt);
        Assert.False(next.DueSent);
    }

    [Fact]
    public async Task ARoomWithoutScheduledSessionsHasNothingNext()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var viewer = await api.CreateViewerAsync();

        var status = await (await viewer.Client.GetAsync($"/v1/rooms/{room.Id}/reminders")).ShouldSucceedAsync<RoomReminderDto>();

        Assert.Null(status.Next);
    }

    [Fact]
    public async Task TheLibraryPrefixServesTheSameSubscription()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var viewer = await api.CreateViewerAsync();

        await (await viewer.Client.PostAsync($"/v1/libraries/{room.LibraryId}/rooms/{room.Id}/reminders", null)).ShouldSucceedAsync<RoomReminderDto>();

        Assert.True((await (await viewer.Client.GetAsync($"/v1/rooms/{room.Id}/reminders")).ShouldSucceedAsync<RoomReminderDto>()).Subscribed);
        Assert.True((await (await viewer.Client.GetAsync($"/v1/libraries/{room.LibraryId}/rooms/{room.Id}/reminders"))
            .ShouldSucceedAsync<RoomReminderDto>()).Subscribed);
    }

    [Fact]
    public async Task AnonymousCallersAre401ApiKeysAre403()
    {
        var (_, room) = await api.CreateHostWithRoomAsync();
        var (_, keyClient) = await api.CreateApiKeyClientAsync("host");
        var path = $"/v1/rooms/{room.Id}/reminders";

        await (await api.Anonymous().PostAsync(path, null)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await api.Anonymous().GetAsync(path)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await keyClient.PostAsync(path, null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await keyClient.DeleteAsync(path)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task APrivateRoomOfSomeoneElseOrAnUnknownRoomIs404()
    {
        var (owner, room) = await api.CreateHostWithRoomAsync("private");
        var viewer = await api.CreateViewerAsync();

        await (await viewer.Client.PostAsync($"/v1/rooms/{room.Id}/reminders", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await viewer.Client.GetAsync($"/v1/rooms/{room.Id}/reminders")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await viewer.Client.PostAsync($"/v1/rooms/{Guid.NewGuid()}/reminders", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        Assert.True((await (await owner.Client.PostAsync($"/v1/rooms/{room.Id}/reminders", null)).ShouldSucceedAsync<RoomReminderDto>()).Subscribed);
    }
}
