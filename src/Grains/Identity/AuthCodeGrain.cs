using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>
/// A one-time code. The grain is not reentrant, so exchanges run one at a time: the first clears the state
/// (persisted) before it answers, and every later one finds nothing. A durable reminder, registered before
/// the code is stored, clears a code nobody exchanged; a reminder that finds no code unregisters itself.
/// </summary>
public sealed partial class AuthCodeGrain(
    [PersistentState("auth-code", GrainStorage.Name)] IPersistentState<AuthCodeGrainState> state,
    [FromKeyedServices(IdentityClock.Key)] TimeProvider clock,
    ILogger<AuthCodeGrain> logger) : Grain, IAuthCodeGrain, IRemindable
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    internal const string CleanupReminderName = "auth-code-cleanup";

    /// <summary>Orleans' minimum reminder period; the first tick comes at the code's expiry, later ones only if that one failed.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    public async Task IssueAsync(AuthCodeGrant grant, TimeSpan lifetime)
    {
        if (state.State.Grant is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The code was already issued.");
        }

        var expiresAt = clock.GetUtcNow() + lifetime;
        await this.RegisterOrUpdateReminder(CleanupReminderName, lifetime, ReminderPeriod);
        await state.WriteOrRevertAsync(new AuthCodeGrainState { Grant = grant, ExpiresAt = expiresAt }, this);
        LogIssued(grant.UserId, grant.Purpose, expiresAt);
    }

    public async Task<AuthCodeGrant> ExchangeAsync()
    {
        if (state.State.Grant is not { } grant)
        {
            // Unknown or used: whoever guessed leaves no activation behind.
            _emptyRetirement.Schedule(this);
            throw Invalid();
        }

        var expired = clock.GetUtcNow() >= state.State.ExpiresAt;
        await state.ClearOrKeepAsync(this);
        DeactivateOnIdle();
        if (expired)
        {
            throw Invalid();
        }

        LogExchanged(grant.UserId, grant.Purpose);
        return grant;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != CleanupReminderName)
        {
            return;
        }

        if (state.State.Grant is not null)
        {
            if (clock.GetUtcNow() < state.State.ExpiresAt)
            {
                return;
            }

            await state.ClearOrKeepAsync(this);
        }

        await this.UnregisterReminderIfAnyAsync(CleanupReminderName);

        DeactivateOnIdle();
    }

    private static RoomcastException Invalid() =>
        new(ErrorKind.Unauthorized, AuthErrorCodes.InvalidCode, "The code is unknown, expired or already used.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Auth code issued for user {UserId} ({Purpose}), expires {ExpiresAt:o}")]
    private partial void LogIssued(Guid userId, AuthCodePurpose purpose, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Auth code exchanged for user {UserId} ({Purpose})")]
    private partial void LogExchanged(Guid userId, AuthCodePurpose purpose);
}
