using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>The password login bound to one email address.</summary>
public sealed class EmailLoginGrain(
    [PersistentState("email-login", GrainStorage.Name)] IPersistentState<EmailLoginGrainState> state)
    : Grain, IEmailLoginGrain
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    public async Task ClaimAsync(EmailCredential credential)
    {
        if (state.State.Credential is { } held && held.UserId != credential.UserId)
        {
            throw new RoomcastException(ErrorKind.Conflict, "email_taken", "A user with this email already exists.",
                [new FieldError("email", "is already registered")]);
        }

        await state.WriteOrRevertAsync(state.State with { Credential = credential }, this);
    }

    public Task<EmailCredential?> FindAsync()
    {
        if (state.State.Credential is null)
        {
            // Nothing to keep in memory for a lookup that found nothing.
            _emptyRetirement.Schedule(this);
        }

        return Task.FromResult(state.State.Credential);
    }
}
