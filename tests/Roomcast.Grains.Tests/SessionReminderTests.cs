using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

[Collection(DeadlineCollection.Name)]
public sealed class SessionReminderTests(ClusterFixture fixture)
{
    private const string DeadlineReminder = "session-deadline";

    private IGrainFactory Grains => fixture.Client;

    private async Task<IReadOnlyList<string>> RemindersOf(ISessionGrain grain)
    {
        var rows = await fixture.ReminderTable.ReadRows(grain.GetGrainId());
        return rows.Reminders.Select(r => r.ReminderName).ToList();
    }

    [Fact]
    public async Task ScheduledSessionHasADeadlineReminder()
    {
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));

        Assert.Equal([DeadlineReminder], await RemindersOf(grain));
    }

    [Fact]
    public async Task LiveSessionHasADeadlineReminder()
    {
        var (grain, _) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);

        Assert.Equal([DeadlineReminder], await RemindersOf(grain));
    }

    [Fact]
    public async Task CancelledSessionLeavesNoReminder()
    {
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));

        await grain.CancelAsync(null);

        Assert.Empty(await RemindersOf(grain));
    }

    [Fact]
    public async Task EndedSessionLeavesNoReminder()
    {
        var (grain, _) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);

        await grain.EndAsync(null);

        Assert.Empty(await RemindersOf(grain));
    }

    [Fact]
    public async Task DeletedSessionLeavesNoReminder()
    {
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));

        await grain.DeleteAsync(null);

        Assert.Empty(await RemindersOf(grain));
    }

    [Fact]
    public async Task ExpiredSessionLeavesNoReminder()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(fixture.Clock.GetUtcNow()));

        await fixture.Clock.AdvanceToAsync(created.Meta.Expires!.Value);
        await Eventually.Of(grain.GetAsync, s => s.State == SessionState.Expired, TimeSpan.FromSeconds(5), "the session to expire");

        Assert.Empty(await RemindersOf(grain));
    }

    [Fact]
    public async Task SessionWhoseHostDepartedLeavesNoReminder()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);

        await fixture.Clock.AdvanceToAsync(live.StartedAt!.Value + ClusterFixture.HostDepartureTimeout, ClusterFixture.HealthCheckInterval);
        await Eventually.Of(grain.GetAsync, s => s.State == SessionState.Ended, TimeSpan.FromSeconds(5), "the host to be declared departed");

        Assert.Empty(await RemindersOf(grain));
    }
}
