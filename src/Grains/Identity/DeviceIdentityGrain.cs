using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>The viewer a device token signs in as; the key is the token's hash.</summary>
public sealed class DeviceIdentityGrain(
    [PersistentState("device-identity", GrainStorage.Name)] IPersistentState<DeviceIdentityGrainState> state)
    : Grain, IDeviceIdentityGrain
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    public async Task BindAsync(Guid userId)
    {
        if (state.State.UserId is { } bound && bound != userId)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The device is already bound to another user.");
        }

        await state.WriteOrRevertAsync(state.State with { UserId = userId }, this);
    }

    public Task<Guid?> FindAsync()
    {
        if (state.State.UserId is null)
        {
            // Nothing to keep in memory for a lookup that found nothing.
            _emptyRetirement.Schedule(this);
        }

        return Task.FromResult(state.State.UserId);
    }
}
