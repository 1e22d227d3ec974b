using Roomcast.Reminders;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Reminders;

/// <summary>Through the whole host: who subscribed through the API is named in the notices of the room's sessions.</summary>
[Collection(ReminderNoticesCollection.Name)]
public sealed class ReminderNoticesApiTests(ReminderNotifierApiFactory api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SubscribersAreNamedInTheScheduledAndLiveNoticesOfTheRoomsSessions()
    {
        var (host, room) = await api.CreateHostWithRoomAsync();
        var subscriber = await api.CreateViewerAsync();
        var leaver = await api.CreateViewerAsync();
        await (await subscriber.Client.PostAsync($"/v1/rooms/{room.Id}/reminders", null)).ShouldSucceedAsync();
        await (await leaver.Client.PostAsync($"/v1/rooms/{room.Id}/reminders", null)).ShouldSucceedAsync();
        await (await leaver.Client.DeleteAsync($"/v1/rooms/{room.Id}/reminders")).ShouldSucceedAsync();

        var session = await api.CreateSessionAsync(host, room.Id);
        var scheduled = await NoticeAsync(session.Id, ReminderKind.Scheduled);
        await api.StartSessionAsync(host, session.Id);
        var live = await NoticeAsync(session.Id, ReminderKind.Live);

        Assert.Equal([subscriber.Id], scheduled.SubscriberIds);
        Assert.Equal([subscriber.Id], live.SubscriberIds);
        Assert.Equal((room.Id, "reminder.live"), (live.RoomId, live.WebhookEventType));
    }

    private async Task<ReminderNotification> NoticeAsync(Guid sessionId, ReminderKind kind) =>
        (await Eventually.MatchAsync(() => Task.FromResult(api.Notices.FirstOrDefault(n => n.SessionId == sessionId && n.Kind == kind)),
            notice => notice is not null, Wait, $"the {kind} notice of session {sessionId}"))!;
}
