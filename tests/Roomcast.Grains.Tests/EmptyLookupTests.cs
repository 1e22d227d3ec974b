using Roomcast.ApiKeys;
using Roomcast.Errors;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Identity;
using Roomcast.Libraries;
using Roomcast.Rooms;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

/// <summary>Anyone can ask for ids that do not exist; such lookups must not leave activations behind.</summary>
[Collection(StorageFailureCollection.Name)]
public sealed class EmptyLookupTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    public static TheoryData<string> Lookups => ["session", "room", "api key", "refresh family", "logout", "auth code", "user", "email", "device", "library"];

    [Theory]
    [MemberData(nameof(Lookups))]
    public async Task ALookupOfSomethingThatDoesNotExistLeavesNoActivation(string lookup)
    {
        var (grain, call) = Lookup(lookup);

        // Several at once, as a flood would send them: all are answered, none is rejected in forwarding.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => call()));
        Assert.True(fixture.IsActive(grain));

        await fixture.Clock.AdvanceToAsync(fixture.Clock.GetUtcNow() + EmptyActivationRetirement.Delay);
        await Eventually.Of(() => Task.FromResult(fixture.IsActive(grain)), active => !active, TimeSpan.FromSeconds(10),
            $"the empty {lookup} activation to be retired");
    }

    private (IAddressable Grain, Func<Task> Call) Lookup(string lookup)
    {
        switch (lookup)
        {
            case "session":
                var session = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
                return (session, () => Assert.ThrowsAsync<RoomcastException>(session.GetAsync));
            case "room":
                var room = Grains.GetGrain<IRoomGrain>(Guid.NewGuid());
                return (room, () => Assert.ThrowsAsync<RoomcastException>(room.GetAsync));
            case "api key":
                var key = Grains.GetGrain<IApiKeyGrain>(Guid.NewGuid());
                return (key, async () => Assert.Null(await key.VerifyAsync(new byte[32])));
            case "refresh family":
                var family = Grains.GetGrain<IRefreshTokenFamilyGrain>(Guid.NewGuid());
                return (family, () => Assert.ThrowsAsync<RoomcastException>(() => family.RotateAsync("a", "b", TimeSpan.Zero)));
            case "logout":
                var revoked = Grains.GetGrain<IRefreshTokenFamilyGrain>(Guid.NewGuid());
                return (revoked, () => revoked.RevokeAsync("a"));
            case "auth code":
                var code = Grains.GetGrain<IAuthCodeGrain>(Guid.NewGuid().ToString("N"));
                return (code, () => Assert.ThrowsAsync<RoomcastException>(code.ExchangeAsync));
            case "user":
                var user = Grains.GetGrain<IUserGrain>(Guid.NewGuid());
                return (user, async () => Assert.Null(await user.FindAsync()));
            case "email":
                var email = Grains.GetGrain<IEmailLoginGrain>($"{Guid.NewGuid():N}@example.com");
                return (email, async () => Assert.Null(await email.FindAsync()));
            case "device":
                var device = Grains.GetGrain<IDeviceIdentityGrain>(Guid.NewGuid().ToString("N"));
                return (device, async () => Assert.Null(await device.FindAsync()));
            case "library":
                var library = Grains.GetGrain<ILibraryGrain>(Guid.NewGuid());
                return (library, async () => Assert.Null(await library.FindAsync()));
            default:
                throw new ArgumentOutOfRangeException(nameof(lookup), lookup, null);
        }
    }
}
