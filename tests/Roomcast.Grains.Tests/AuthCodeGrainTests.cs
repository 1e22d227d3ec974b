using Roomcast.Grains.Identity;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Identity;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class AuthCodeGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ACodeIsExchangedOnceForItsGrant()
    {
        var (code, grant) = await IssueAsync(Minute);

        Assert.Equal(grant, await code.ExchangeAsync());

        await RefreshTokenFamilyGrainTests.AssertFailsAsync(AuthErrorCodes.InvalidCode, code.ExchangeAsync);
    }

    [Fact]
    public async Task OfAHundredConcurrentExchangesExactlyOneGetsTheGrant()
    {
        var (code, grant) = await IssueAsync(Minute);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            try
            {
                return await code.ExchangeAsync();
            }
            catch (Errors.RoomcastException e) when (e.Code == AuthErrorCodes.InvalidCode)
            {
                return null;
            }
        }));

        Assert.Equal(grant, Assert.Single(outcomes, o => o is not null));
    }

    [Fact]
    public async Task AnUnknownCodeIsInvalid()
    {
        var code = fixture.Client.GetGrain<IAuthCodeGrain>(Guid.NewGuid().ToString("N"));
        await RefreshTokenFamilyGrainTests.AssertFailsAsync(AuthErrorCodes.InvalidCode, code.ExchangeAsync);
    }

    [Fact]
    public async Task IssuingTheSameCodeTwiceIsAConflict()
    {
        var (code, grant) = await IssueAsync(Minute);
        var error = await Assert.ThrowsAsync<Errors.RoomcastException>(() => code.IssueAsync(grant with { UserId = Guid.NewGuid() }, Minute));
        Assert.Equal(Errors.ErrorKind.Conflict, error.Kind);
        Assert.Equal(grant, await code.ExchangeAsync());
    }

    [Fact]
    public async Task AnExchangedCodeLeavesNoState()
    {
        var (code, _) = await IssueAsync(Minute);
        Assert.NotNull((await ReadStoredAsync(code)).Grant);

        await code.ExchangeAsync();

        Assert.Null((await ReadStoredAsync(code)).Grant);
    }

    [Fact]
    public async Task ACodeNobodyExchangedIsDeletedByTheSweepAfterItsLifetimeAndHoldsNoReminder()
    {
        var (code, _) = await IssueAsync(Minute);
        var (kept, _) = await IssueAsync(Minute * 2);
        Assert.Empty((await fixture.ReminderTable.ReadRows(code.GetGrainId())).Reminders);

        fixture.Clock.Advance(Minute);
        await fixture.Client.GetGrain<Roomcast.Maintenance.IExpirySweepGrain>(Roomcast.Maintenance.IExpirySweepGrain.Key).SweepNowAsync();

        Assert.Null((await ReadStoredAsync(code)).Grant);
        Assert.NotNull((await ReadStoredAsync(kept)).Grant);
        await RefreshTokenFamilyGrainTests.AssertFailsAsync(AuthErrorCodes.InvalidCode, code.ExchangeAsync);
        Assert.NotNull(await kept.ExchangeAsync());
    }

    private async Task<(IAuthCodeGrain Code, AuthCodeGrant Grant)> IssueAsync(TimeSpan lifetime)
    {
        var code = fixture.Client.GetGrain<IAuthCodeGrain>(Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"));
        var grant = new AuthCodeGrant(Guid.NewGuid(), AuthCodePurpose.Studio, Guid.NewGuid());
        await code.IssueAsync(grant, lifetime);
        return (code, grant);
    }

    private Task<AuthCodeGrainState> ReadStoredAsync(IAuthCodeGrain code) => fixture.ReadStoredAsync<AuthCodeGrainState>("auth-code", code);
}
