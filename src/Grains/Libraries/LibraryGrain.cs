using Roomcast.Errors;
using Roomcast.Libraries;

namespace Roomcast.Grains.Libraries;

/// <summary>One library's profile.</summary>
public sealed class LibraryGrain(
    [PersistentState("library", GrainStorage.Name)] IPersistentState<LibraryGrainState> state,
    TimeProvider clock) : Grain, ILibraryGrain
{
    public async Task<LibraryProfile> CreateAsync(string name)
    {
        if (state.State.Profile is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The library already exists.");
        }

        state.State.Profile = new LibraryProfile(this.GetPrimaryKey(), name, clock.GetUtcNow());
        await state.WriteStateAsync();
        return state.State.Profile;
    }

    public Task<LibraryProfile?> FindAsync() => Task.FromResult(state.State.Profile);
}
