using Roomcast.Grains.Reminders;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Reminders;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests.Reminders;

[Collection(ReminderCollection.Name)]
public sealed class SessionReminderGrainTests(ReminderClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task AThousandSubscribersGetOneDueAndOneLiveNoticeEachAcrossTwoReschedules()
    {
        var roomId = Guid.NewGuid();
        var subscribers = await SubscribeAsync(roomId, 1000);
        var start = Now;
        var (session, _) = await TestSessions.CreateAsync(fixture.Client, TestSessions.Command(start.AddHours(1), roomId: roomId));
        var sessionId = session.GetPrimaryKey();
        await NoticesReachedAsync(sessionId, ReminderKind.Scheduled, subscribers);

        // Moved later (its first due time, +45 min, must not fire), then earlier than that but after it.
        await session.RescheduleAsync(start.AddHours(2), null);
        await session.RescheduleAsync(start.AddMinutes(90), null);
        await fixture.Clock.AdvanceToAsync(start.AddMinutes(60), Step);
        Assert.Empty(fixture.Notifier.NoticesPerSubscriber(sessionId, ReminderKind.Due));

        await fixture.Clock.AdvanceToAsync(start.AddMinutes(90) - ReminderClusterFixture.Lead + TimeSpan.FromSeconds(1), Step);
        await NoticesReachedAsync(sessionId, ReminderKind.Due, subscribers);

        // Due already sent: a reschedule does not send it again.
        await session.RescheduleAsync(start.AddMinutes(100), null);
        await fixture.Clock.AdvanceToAsync(start.AddMinutes(100) - ReminderClusterFixture.Lead + TimeSpan.FromMinutes(2), Step);
        await session.StartAsync(null);
        await NoticesReachedAsync(sessionId, ReminderKind.Live, subscribers);

        await fixture.Clock.AdvanceToAsync(Now + TimeSpan.FromMinutes(3), Step);
        foreach (var kind in new[] { ReminderKind.Scheduled, ReminderKind.Due, ReminderKind.Live })
        {
            var perSubscriber = fixture.Notifier.NoticesPerSubscriber(sessionId, kind);
            Assert.Equal(subscribers.Order(), perSubscriber.Keys.Order());
            Assert.All(perSubscriber.Values, count => Assert.Equal(1, count));
        }

        Assert.All(fixture.Notifier.Received.Where(n => n.SessionId == sessionId),
            n => Assert.InRange(n.SubscriberIds.Count, 1, ReminderClusterFixture.BatchSize));
        await NoReminderLeftAsync(sessionId);
    }

    [Fact]
    public async Task ACancelDisarmsTheDueNotice()
    {
        var roomId = Guid.NewGuid();
        var subscribers = await SubscribeAsync(roomId, 3);
        var (session, snapshot) = await TestSessions.CreateAsync(fixture.Client, TestSessions.Command(Now.AddMinutes(30), roomId: roomId));
        var sessionId = session.GetPrimaryKey();
        await NoticesReachedAsync(sessionId, ReminderKind.Scheduled, subscribers);
        Assert.Equal(snapshot.ScheduledAt, (await ReminderGrain(sessionId).GetStatusAsync()).ArmedFor);

        await session.CancelAsync(null);
        await Eventually.Of(() => ReminderGrain(sessionId).GetStatusAsync(), s => s.ArmedFor is null, Wait, "the due notice to be disarmed");
        await fixture.Clock.AdvanceToAsync(snapshot.ScheduledAt + TimeSpan.FromMinutes(2), Step);

        Assert.Empty(fixture.Notifier.NoticesPerSubscriber(sessionId, ReminderKind.Due));
        Assert.Empty(fixture.Notifier.NoticesPerSubscriber(sessionId, ReminderKind.Live));
        await NoReminderLeftAsync(sessionId);
    }

    [Fact]
    public async Task AReminderGrainWithNothingDueSoonLeavesMemoryAndStillKnowsItsSession()
    {
        var (session, snapshot) = await TestSessions.CreateAsync(fixture.Client, TestSessions.Command(Now.AddDays(2)));
        var reminders = ReminderGrain(session.GetPrimaryKey());
        var management = fixture.Client.GetGrain<IManagementGrain>(0);

        // Real time: the session's notice to it is one-way and the deactivation follows that call; nothing here is timed.
        var deadline = DateTime.UtcNow + Wait;
        while (await management.GetActivationAddress(reminders) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Null(await management.GetActivationAddress(reminders));
        Assert.Equal(snapshot.ScheduledAt, (await reminders.GetStatusAsync()).ArmedFor);
    }

    [Fact]
    public async Task ADeactivatedReminderGrainNeitherLosesNorRepeatsANotice()
    {
        var roomId = Guid.NewGuid();
        var subscribers = await SubscribeAsync(roomId, 5);
        var (session, snapshot) = await TestSessions.CreateAsync(fixture.Client, TestSessions.Command(Now.AddMinutes(30), roomId: roomId));
        var sessionId = session.GetPrimaryKey();
        var reminders = ReminderGrain(sessionId);
        await NoticesReachedAsync(sessionId, ReminderKind.Scheduled, subscribers);

        // Its timer dies with the activation; the durable reminder brings it back before the due time.
        await fixture.Cluster.DeactivateAsync(reminders);
        await fixture.Clock.AdvanceToAsync(snapshot.ScheduledAt - ReminderClusterFixture.Lead + TimeSpan.FromSeconds(1), Step);
        await NoticesReachedAsync(sessionId, ReminderKind.Due, subscribers);

        await fixture.Cluster.DeactivateAsync(reminders);
        await reminders.GetStatusAsync();
        await fixture.Clock.AdvanceToAsync(Now + TimeSpan.FromMinutes(3), Step);
        await session.StartAsync(null);
        await NoticesReachedAsync(sessionId, ReminderKind.Live, subscribers);
        await fixture.Cluster.DeactivateAsync(reminders);
        await reminders.GetStatusAsync();
        await fixture.Clock.AdvanceToAsync(Now + TimeSpan.FromMinutes(3), Step);

        foreach (var kind in new[] { ReminderKind.Scheduled, ReminderKind.Due, ReminderKind.Live })
        {
            Assert.All(fixture.Notifier.NoticesPerSubscriber(sessionId, kind).Values, count => Assert.Equal(1, count));
        }
    }

    [Fact]
    public async Task ARefusedStorageWriteSendsNothingAndTheRetrySendsOnce()
    {
        var roomId = Guid.NewGuid();
        var subscribers = await SubscribeAsync(roomId, 4);
        var (session, snapshot) = await TestSessions.CreateAsync(fixture.Client, TestSessions.Command(Now.AddMinutes(30), roomId: roomId));
        var sessionId = session.GetPrimaryKey();
        var reminders = ReminderGrain(sessionId);
        await NoticesReachedAsync(sessionId, ReminderKind.Scheduled, subscribers);

        fixture.Storage.Inject(reminders, StorageFault.RefuseWrites);
        try
        {
            await fixture.Clock.AdvanceToAsync(snapshot.ScheduledAt - ReminderClusterFixture.Lead + TimeSpan.FromSeconds(1), Step);
            await Task.Delay(200);
            Assert.Empty(fixture.Notifier.NoticesPerSubscriber(sessionId, ReminderKind.Due));
        }
        finally
        {
            fixture.Storage.Heal(reminders);
        }

        await fixture.Clock.AdvanceToAsync(Now + ReminderClusterFixture.ReminderPeriod + TimeSpan.FromSeconds(1), Step);
        await NoticesReachedAsync(sessionId, ReminderKind.Due, subscribers);
        await fixture.Clock.AdvanceToAsync(Now + TimeSpan.FromMinutes(3), Step);
        Assert.All(fixture.Notifier.NoticesPerSubscriber(sessionId, ReminderKind.Due).Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task ABatchHandedOverButNotRecordedIsHandedOverAgainUnderTheSameId()
    {
        var roomId = Guid.NewGuid();
        var subscribers = await SubscribeAsync(roomId, 4);
        var (session, snapshot) = await TestSessions.CreateAsync(fixture.Client, TestSessions.Command(Now.AddMinutes(30), roomId: roomId));
        var sessionId = session.GetPrimaryKey();
        var reminders = ReminderGrain(sessionId);
        await NoticesReachedAsync(sessionId, ReminderKind.Scheduled, subscribers);

        // The mark and the batch's range are written; the record after the hand-over is refused (a crash there).
        fixture.Storage.InjectAfterWrites(reminders, 2, StorageFault.RefuseWrites);
        try
        {
            await fixture.Clock.AdvanceToAsync(snapshot.ScheduledAt - ReminderClusterFixture.Lead + TimeSpan.FromSeconds(1), Step);
            await NoticesReachedAsync(sessionId, ReminderKind.Due, subscribers);
        }
        finally
        {
            fixture.Storage.Heal(reminders);
        }

        await fixture.Clock.AdvanceToAsync(Now + ReminderClusterFixture.ReminderPeriod + TimeSpan.FromSeconds(1), Step);
        var dues = await Eventually.Of(
            () => Task.FromResult(fixture.Notifier.Received.Where(n => n.SessionId == sessionId && n.Kind == ReminderKind.Due).ToList()),
            received => received.Count >= 2, Wait, "the unrecorded batch to be handed over again");
        await Eventually.Of(() => reminders.GetStatusAsync(), s => s.PendingBatches == 0, Wait, "the batch to be recorded");

        Assert.Equal(2, dues.Count);
        Assert.Single(dues.Select(n => n.Id).Distinct());
        Assert.Equal(dues[0].SubscriberIds, dues[1].SubscriberIds);
    }

    [Fact]
    public async Task ANotifierThatRefusesABatchGetsItOnTheNextTickOnce()
    {
        var roomId = Guid.NewGuid();
        var subscribers = await SubscribeAsync(roomId, 250);
        var sessionId = Guid.NewGuid();
        fixture.Notifier.Refuse(sessionId, 1);
        var session = fixture.Client.GetGrain<ISessionGrain>(sessionId);
        await session.CreateAsync(TestSessions.Command(Now.AddHours(2), roomId: roomId));
        await Eventually.Of(() => ReminderGrain(sessionId).GetStatusAsync(), s => s.Sent.Contains(ReminderKind.Scheduled), Wait,
            "the scheduled notice to be marked sent");
        Assert.Equal(1, (await ReminderGrain(sessionId).GetStatusAsync()).PendingBatches);

        await fixture.Clock.AdvanceToAsync(Now + ReminderClusterFixture.ReminderPeriod + TimeSpan.FromSeconds(1), Step);
        await NoticesReachedAsync(sessionId, ReminderKind.Scheduled, subscribers);
        Assert.All(fixture.Notifier.NoticesPerSubscriber(sessionId, ReminderKind.Scheduled).Values, count => Assert.Equal(1, count));
        Assert.Equal(0, (await ReminderGrain(sessionId).GetStatusAsync()).PendingBatches);
    }

    [Fact]
    public async Task ARoomWithoutSubscribersSendsNothingYetMarksTheNotice()
    {
        var (session, _) = await TestSessions.CreateAsync(fixture.Client, TestSessions.Command(Now.AddHours(1)));
        var status = await Eventually.Of(() => ReminderGrain(session.GetPrimaryKey()).GetStatusAsync(),
            s => s.Sent.Contains(ReminderKind.Scheduled) && s.PendingBatches == 0, Wait, "the scheduled notice to be done");

        Assert.Equal(Now.AddHours(1) - ReminderClusterFixture.Lead, status.DueAt!.Value, TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(fixture.Notifier.Received, n => n.SessionId == session.GetPrimaryKey());
    }

    private ISessionReminderGrain ReminderGrain(Guid sessionId) => fixture.Client.GetGrain<ISessionReminderGrain>(sessionId);

    private async Task<IReadOnlyList<Guid>> SubscribeAsync(Guid roomId, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await fixture.Subscribers.SubscribeAsync(roomId, id, Now);
        }

        return ids;
    }

    private Task NoticesReachedAsync(Guid sessionId, ReminderKind kind, IReadOnlyList<Guid> subscribers) =>
        Eventually.Of(() => Task.FromResult(fixture.Notifier.NoticesPerSubscriber(sessionId, kind).Count),
            n => n >= subscribers.Count, Wait, $"every subscriber's {kind} notice");

    private Task NoReminderLeftAsync(Guid sessionId) =>
        Eventually.Of(async () => (await fixture.ReminderTable.ReadRows(ReminderGrain(sessionId).GetGrainId())).Reminders.Count,
            n => n == 0, Wait, "the reminder grain's reminder to go once nothing is armed or pending");
}
