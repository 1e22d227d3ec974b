using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>The password login bound to one email address.</summary>
public sealed class EmailLoginGrain(
    [PersistentState("email-login", GrainStorage.Name)] IPersistentState<EmailLoginGrainState> state)
    : Grain, IEmailLoginGrain
{
    public async Task ClaimAsync(EmailCredential credential)
    {
        if (state.State.Credential is { } held && held.UserId != credential.UserId)
        {
            throw new RoomcastException(ErrorKind.Conflict, "email_taken", "A user with this email already exists.",
                [new FieldError("email", "is already registered")]);
        }

        state.State.Credential = credential;
        await state.WriteStateAsync();
    }

    public Task<EmailCredential?> FindAsync() => Task.FromResult(state.State.Credential);
}
