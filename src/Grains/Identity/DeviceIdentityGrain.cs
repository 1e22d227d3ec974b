using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>The viewer a device token signs in as; the key is the token's hash.</summary>
public sealed class DeviceIdentityGrain(
    [PersistentState("device-identity", GrainStorage.Name)] IPersistentState<DeviceIdentityGrainState> state)
    : Grain, IDeviceIdentityGrain
{
    public async Task BindAsync(Guid userId)
    {
        if (state.State.UserId is { } bound && bound != userId)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The device is already bound to another user.");
        }

        state.State.UserId = userId;
        await state.WriteStateAsync();
    }

    public Task<Guid?> FindAsync() => Task.FromResult(state.State.UserId);
}
