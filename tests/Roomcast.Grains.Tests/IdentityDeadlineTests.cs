using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Identity;

namespace Roomcast.Grains.Tests;

/// <summary>Code and refresh-family expiry, on the fake identity clock.</summary>
[Collection(IdentityClockCollection.Name)]
public sealed class IdentityDeadlineTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ACodeWorksUntilItsLifetimeEnds()
    {
        var code = NewCode();
        await code.IssueAsync(new AuthCodeGrant(Guid.NewGuid(), AuthCodePurpose.SignIn, null), TimeSpan.FromSeconds(60));

        fixture.Clock.Advance(TimeSpan.FromSeconds(59));

        Assert.NotNull(await code.ExchangeAsync());
    }

    [Fact]
    public async Task AnExpiredCodeIsInvalid()
    {
        var code = NewCode();
        await code.IssueAsync(new AuthCodeGrant(Guid.NewGuid(), AuthCodePurpose.SignIn, null), TimeSpan.FromSeconds(60));

        fixture.Clock.Advance(TimeSpan.FromSeconds(60));

        await RefreshTokenFamilyGrainTests.AssertFailsAsync(AuthErrorCodes.InvalidCode, code.ExchangeAsync);
    }

    [Fact]
    public async Task AFamilyExpiresAtItsLifetimeWhateverItsRotations()
    {
        var family = fixture.Client.GetGrain<IRefreshTokenFamilyGrain>(Guid.NewGuid());
        var expiresAt = await family.StartAsync(Guid.NewGuid(), RefreshTokenFamilyGrainTests.Hash("h0"), TimeSpan.FromHours(1));
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromHours(1), expiresAt);

        fixture.Clock.Advance(TimeSpan.FromMinutes(59));
        var rotation = await family.RotateAsync(RefreshTokenFamilyGrainTests.Hash("h0"), RefreshTokenFamilyGrainTests.Hash("h1"), RefreshTokenFamilyGrainTests.NoGrace);
        Assert.Equal(expiresAt, rotation.ExpiresAt);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await RefreshTokenFamilyGrainTests.AssertFailsAsync(AuthErrorCodes.RefreshTokenExpired,
            () => family.RotateAsync(RefreshTokenFamilyGrainTests.Hash("h1"), RefreshTokenFamilyGrainTests.Hash("h2"), RefreshTokenFamilyGrainTests.NoGrace));

        // Once the sweep has deleted the family, its tokens are simply unknown.
        await fixture.Client.GetGrain<Roomcast.Maintenance.IExpirySweepGrain>(Roomcast.Maintenance.IExpirySweepGrain.Key).SweepNowAsync();
        await fixture.Cluster.DeactivateAsync(family);
        await RefreshTokenFamilyGrainTests.AssertFailsAsync(AuthErrorCodes.InvalidRefreshToken,
            () => family.RotateAsync(RefreshTokenFamilyGrainTests.Hash("h1"), RefreshTokenFamilyGrainTests.Hash("h2"), RefreshTokenFamilyGrainTests.NoGrace));
    }

    private IAuthCodeGrain NewCode() => fixture.Client.GetGrain<IAuthCodeGrain>(Guid.NewGuid().ToString("N"));
}
