using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>One user's profile.</summary>
public sealed class UserGrain(
    [PersistentState("user", GrainStorage.Name)] IPersistentState<UserGrainState> state,
    TimeProvider clock) : Grain, IUserGrain
{
    public async Task<UserProfile> CreateAsync(NewUser user)
    {
        if (state.State.Profile is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The user already exists.");
        }

        state.State.Profile = new UserProfile(this.GetPrimaryKey(), user.Email, user.DisplayName, user.Role, clock.GetUtcNow(), user.LibraryId);
        await state.WriteStateAsync();
        return state.State.Profile;
    }

    public Task<UserProfile?> FindAsync() => Task.FromResult(state.State.Profile);
}
