using Roomcast.Grains.Expiry;
using Roomcast.Grains.Identity;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Identity;
using Roomcast.Maintenance;

namespace Roomcast.Grains.Tests;

/// <summary>One reminder for the whole deployment deletes expired sign-ins and codes, instead of one per grain.</summary>
[Collection(IdentityClockCollection.Name)]
public sealed class ExpirySweepTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TheSiloRegistersTheOneSweepReminderAtStart()
    {
        var sweep = fixture.Client.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key);

        var reminders = await Eventually.Of(async () => (await fixture.ReminderTable.ReadRows(sweep.GetGrainId())).Reminders,
            rows => rows.Count > 0, TimeSpan.FromSeconds(10), "the silo to register the sweep reminder");

        Assert.Equal(ExpirySweepGrain.ReminderName, Assert.Single(reminders).ReminderName);
    }

    [Fact]
    public async Task TheSweepReminderDeletesWhatExpiredWithoutAnyCall()
    {
        var family = fixture.Client.GetGrain<IRefreshTokenFamilyGrain>(Guid.NewGuid());
        await family.StartAsync(Guid.NewGuid(), RefreshTokenFamilyGrainTests.Hash("s0"), TimeSpan.FromMinutes(1));

        await fixture.Clock.AdvanceToAsync(fixture.Clock.GetUtcNow() + new ExpiryOptions().SweepPeriod + TimeSpan.FromMinutes(1));

        await Eventually.Of(() => fixture.ReadStoredAsync<RefreshTokenFamilyGrainState>("refresh-family", family),
            stored => stored.UserId == Guid.Empty, TimeSpan.FromSeconds(10), "the sweep to delete the expired family");
    }
}
