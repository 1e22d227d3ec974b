using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>
/// A one-time code. The grain is not reentrant, so exchanges run one at a time: the first clears the state
/// (persisted) before it answers, and every later one finds nothing. A code nobody exchanged is refused once its
/// lifetime is over and deleted from storage by the expiry sweep (its state is an <see cref="Expiry.IExpiringState"/>).
/// </summary>
public sealed partial class AuthCodeGrain(
    [PersistentState("auth-code", GrainStorage.Name)] IPersistentState<AuthCodeGrainState> state,
    [FromKeyedServices(IdentityClock.Key)] TimeProvider clock,
    ILogger<AuthCodeGrain> logger) : Grain, IAuthCodeGrain
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    public async Task IssueAsync(AuthCodeGrant grant, TimeSpan lifetime)
    {
        if (state.State.Grant is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The code was already issued.");
        }

        var expiresAt = clock.GetUtcNow() + lifetime;
        await state.WriteOrRevertAsync(new AuthCodeGrainState { Grant = grant, ExpiresAt = expiresAt }, this);
        LogIssued(grant.UserId, grant.Purpose, expiresAt);
    }

    public async Task<AuthCodeGrant> ExchangeAsync()
    {
        if (state.State.Grant is not { } grant || clock.GetUtcNow() >= state.State.ExpiresAt)
        {
            // Unknown, used or lapsed: nothing to keep in memory (a lapsed code's row goes with the next sweep).
            _emptyRetirement.Schedule(this);
            throw Invalid();
        }

        await state.ClearOrKeepAsync(this);
        DeactivateOnIdle();
        LogExchanged(grant.UserId, grant.Purpose);
        return grant;
    }

    private static RoomcastException Invalid() =>
        new(ErrorKind.Unauthorized, AuthErrorCodes.InvalidCode, "The code is unknown, expired or already used.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Auth code issued for user {UserId} ({Purpose}), expires {ExpiresAt:o}")]
    private partial void LogIssued(Guid userId, AuthCodePurpose purpose, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Auth code exchanged for user {UserId} ({Purpose})")]
    private partial void LogExchanged(Guid userId, AuthCodePurpose purpose);
}
