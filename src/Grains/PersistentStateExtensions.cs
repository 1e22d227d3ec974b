using Orleans.Storage;
using Roomcast.Errors;

namespace Roomcast.Grains;

/// <summary>
/// The one way a Roomcast grain changes what it stores. The next state is a new value, never the current one
/// changed in place, so that a write that fails can put the previous one back: the activation then holds what
/// storage holds (or is deactivated, when the outcome is unknown), and the caller gets an exception Orleans can
/// carry and the API answers with 503.
/// </summary>
public static class PersistentStateExtensions
{
    /// <summary>Replaces the state with <paramref name="next"/> and writes it; on failure restores the previous state.</summary>
    public static async Task WriteOrRevertAsync<T>(this IPersistentState<T> state, T next, IGrainBase owner)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            state.State = previous;
            throw Failed(e, owner);
        }
    }

    /// <summary>Clears the stored state; on failure the activation keeps (and storage still holds) the current one.</summary>
    public static async Task ClearOrKeepAsync<T>(this IPersistentState<T> state, IGrainBase owner)
    {
        var previous = state.State;
        try
        {
            await state.ClearStateAsync();
        }
        catch (Exception e)
        {
            state.State = previous;
            throw Failed(e, owner);
        }
    }

    /// <summary>
    /// A failed write may still have committed (the acknowledgement was lost), so the activation is retired: the
    /// next call activates afresh and reads what storage really holds. The storage provider and Orleans' storage
    /// bridge have logged the cause; what leaves the grain is an exception every caller can deserialize.
    /// </summary>
    private static Exception Failed(Exception exception, IGrainBase owner)
    {
        owner.DeactivateOnIdle();
        return exception switch
        {
            StorageUnavailableException or InconsistentStateException => exception,
            _ => new StorageUnavailableException(
                $"Storage failed for {owner.GrainContext.GrainId}: {exception.GetType().Name}. The change may not have been saved; re-read and retry."),
        };
    }
}
