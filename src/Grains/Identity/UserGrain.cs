using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>One user's profile.</summary>
public sealed class UserGrain(
    [PersistentState("user", GrainStorage.Name)] IPersistentState<UserGrainState> state,
    TimeProvider clock) : Grain, IUserGrain
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    public async Task<UserProfile> CreateAsync(NewUser user)
    {
        if (state.State.Profile is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The user already exists.");
        }

        var profile = new UserProfile(this.GetPrimaryKey(), user.Email, user.DisplayName, user.Role, clock.GetUtcNow(), user.LibraryId);
        await state.WriteOrRevertAsync(state.State with { Profile = profile }, this);
        return profile;
    }

    public Task<UserProfile?> FindAsync()
    {
        if (state.State.Profile is null)
        {
            // Nothing to keep in memory for a lookup that found nothing.
            _emptyRetirement.Schedule(this);
        }

        return Task.FromResult(state.State.Profile);
    }
}
