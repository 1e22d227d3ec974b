using Roomcast.Errors;
using Roomcast.Grains.Identity;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Identity;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class RefreshTokenFamilyGrainTests(ClusterFixture fixture)
{
    internal static readonly TimeSpan NoGrace = TimeSpan.Zero;

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    [Fact]
    public async Task EachRotationAcceptsOnlyTheLatestSecret()
    {
        var (family, userId) = await StartAsync("h0");

        var first = await family.RotateAsync(Hash("h0"), Hash("h1"), NoGrace);
        var second = await family.RotateAsync(Hash("h1"), Hash("h2"), NoGrace);

        Assert.Equal(userId, first.UserId);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task PresentingAUsedSecretRevokesTheFamily()
    {
        var (family, _) = await StartAsync("h0");
        await family.RotateAsync(Hash("h0"), Hash("h1"), NoGrace);

        await AssertFailsAsync(AuthErrorCodes.RefreshTokenReused, () => family.RotateAsync(Hash("h0"), Hash("x"), NoGrace));

        await AssertFailsAsync(AuthErrorCodes.RefreshTokenReused, () => family.RotateAsync(Hash("h1"), Hash("h2"), NoGrace));
    }

    [Fact]
    public async Task AnUnknownSecretIsInvalidAndRevokesNothing()
    {
        var (family, _) = await StartAsync("h0");

        await AssertFailsAsync(AuthErrorCodes.InvalidRefreshToken, () => family.RotateAsync(Hash("guess"), Hash("x"), NoGrace));
        await family.RevokeAsync(Hash("guess"));

        await family.RotateAsync(Hash("h0"), Hash("h1"), NoGrace);
    }

    [Fact]
    public async Task AnUnknownFamilyIsInvalid()
    {
        var family = fixture.Client.GetGrain<IRefreshTokenFamilyGrain>(Guid.NewGuid());
        await AssertFailsAsync(AuthErrorCodes.InvalidRefreshToken, () => family.RotateAsync(Hash("h0"), Hash("h1"), NoGrace));
    }

    [Fact]
    public async Task RevokingWithTheCurrentSecretEndsTheFamily()
    {
        var (family, _) = await StartAsync("h0");
        await family.RotateAsync(Hash("h0"), Hash("h1"), NoGrace);

        await family.RevokeAsync(Hash("h1"));

        await AssertFailsAsync(AuthErrorCodes.InvalidRefreshToken, () => family.RotateAsync(Hash("h1"), Hash("h2"), NoGrace));
    }

    [Fact]
    public async Task OnlyTheLatestUsedSecretsAreRemembered()
    {
        var (family, _) = await StartAsync("h0");
        for (var i = 0; i <= RefreshTokenFamilyGrain.MaxUsedHashes; i++)
        {
            await family.RotateAsync(Hash($"h{i}"), Hash($"h{i + 1}"), NoGrace);
        }

        // h0 has been forgotten: merely invalid. h1 is still remembered: reuse.
        await AssertFailsAsync(AuthErrorCodes.InvalidRefreshToken, () => family.RotateAsync(Hash("h0"), Hash("x"), NoGrace));
        await AssertFailsAsync(AuthErrorCodes.RefreshTokenReused, () => family.RotateAsync(Hash("h1"), Hash("x"), NoGrace));
    }

    [Fact]
    public async Task StartingAFamilyTwiceIsAConflict()
    {
        var (family, _) = await StartAsync("h0");
        var error = await Assert.ThrowsAsync<RoomcastException>(() => family.StartAsync(Guid.NewGuid(), Hash("other"), Lifetime));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        await family.RotateAsync(Hash("h0"), Hash("h1"), NoGrace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFamilyIsDeletedFromStorageByTheSweepAfterItsExpiryAndHoldsNoReminder(bool revokedFirst)
    {
        var (family, _) = await StartAsync("h0", TimeSpan.FromMinutes(10));
        var (kept, _) = await StartAsync("k0", TimeSpan.FromMinutes(20));
        Assert.Empty((await fixture.ReminderTable.ReadRows(family.GetGrainId())).Reminders);
        if (revokedFirst)
        {
            await family.RevokeAsync(Hash("h0"));
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await AssertFailsAsync(AuthErrorCodes.RefreshTokenExpired, () => family.RotateAsync(Hash("h0"), Hash("h1"), NoGrace));
        await fixture.Client.GetGrain<Roomcast.Maintenance.IExpirySweepGrain>(Roomcast.Maintenance.IExpirySweepGrain.Key).SweepNowAsync();

        Assert.Equal(Guid.Empty, (await ReadStoredAsync(family)).UserId);
        Assert.NotEqual(Guid.Empty, (await ReadStoredAsync(kept)).UserId);
        await kept.RotateAsync(Hash("k0"), Hash("k1"), NoGrace);
    }

    private async Task<(IRefreshTokenFamilyGrain Family, Guid UserId)> StartAsync(string secret, TimeSpan? lifetime = null)
    {
        var family = fixture.Client.GetGrain<IRefreshTokenFamilyGrain>(Guid.NewGuid());
        var userId = Guid.NewGuid();
        await family.StartAsync(userId, Hash(secret), lifetime ?? Lifetime);
        return (family, userId);
    }

    private Task<RefreshTokenFamilyGrainState> ReadStoredAsync(IRefreshTokenFamilyGrain family) =>
        fixture.ReadStoredAsync<RefreshTokenFamilyGrainState>("refresh-family", family);

    internal static string Hash(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    internal static async Task AssertFailsAsync(string code, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<RoomcastException>(action);
        Assert.Equal(ErrorKind.Unauthorized, error.Kind);
        Assert.Equal(code, error.Code);
    }
}
