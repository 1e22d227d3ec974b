using Roomcast.Errors;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Identity;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class DeviceIdentityGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ABoundDeviceFindsItsUserAndCannotBeTaken()
    {
        var device = fixture.Client.GetGrain<IDeviceIdentityGrain>(Guid.NewGuid().ToString("N"));
        var userId = Guid.NewGuid();
        await device.BindAsync(userId);

        var error = await Assert.ThrowsAsync<RoomcastException>(() => device.BindAsync(Guid.NewGuid()));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(userId, await device.FindAsync());
    }

    [Fact]
    public async Task AnUnknownDeviceHasNoUser()
    {
        Assert.Null(await fixture.Client.GetGrain<IDeviceIdentityGrain>(Guid.NewGuid().ToString("N")).FindAsync());
    }
}
