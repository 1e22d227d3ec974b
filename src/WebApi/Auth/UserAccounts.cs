using Microsoft.AspNetCore.Identity;
using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.WebApi.Auth;

/// <summary>Creates users and checks passwords. Hashing runs here, on the API node, so no grain turn spends ~100 ms of CPU on it.</summary>
public sealed class UserAccounts(IGrainFactory grains, IPasswordHasher<UserProfile> hasher)
{
    private static readonly UserProfile HashSubject = new(Guid.Empty, null, "", UserRole.Viewer, default, Guid.Empty);

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Creates a user whose email is free; a conflict when another user holds the address.</summary>
    public async Task<UserProfile> CreateAsync(string email, string password, string displayName, UserRole role, Guid libraryId)
    {
        var normalized = Normalize(email);
        var login = grains.GetGrain<IEmailLoginGrain>(normalized);
        if (await login.FindAsync() is not null)
        {
            throw EmailTaken();
        }

        // The profile exists before the address points at it; a lost race leaves an unreachable profile, never a login without one.
        var userId = Guid.NewGuid();
        var profile = await grains.GetGrain<IUserGrain>(userId).CreateAsync(new NewUser(normalized, displayName, role, libraryId));
        await login.ClaimAsync(new EmailCredential(userId, hasher.HashPassword(HashSubject, password)));
        return profile;
    }

    /// <summary>Returns the user when the password matches, otherwise null (unknown email and wrong password look alike).</summary>
    public async Task<UserProfile?> VerifyAsync(string email, string password)
    {
        var credential = await grains.GetGrain<IEmailLoginGrain>(Normalize(email)).FindAsync();
        if (credential is null)
        {
            // Spend the same time as a real check so response timing does not reveal which emails exist.
            hasher.VerifyHashedPassword(HashSubject, DummyHash.Value, password);
            return null;
        }

        return hasher.VerifyHashedPassword(HashSubject, credential.PasswordHash, password) == PasswordVerificationResult.Failed
            ? null
            : await grains.GetGrain<IUserGrain>(credential.UserId).FindAsync();
    }

    /// <summary>
    /// Makes sure <paramref name="email"/> signs in as the user <paramref name="userId"/>, creating what is missing;
    /// for callers that may race with the same arguments (API nodes starting together). The address is claimed first,
    /// for the one id every racer names, so a racer that loses creates nothing of its own; the profile comes second,
    /// so no profile exists that no address points at, and a claim whose profile write failed is finished by the
    /// next call. Creates nothing when the address already belongs to another user.
    /// </summary>
    public async Task<EnsureOutcome> EnsureAsync(Guid userId, string email, string password, string displayName, UserRole role, Guid libraryId)
    {
        var normalized = Normalize(email);
        var login = grains.GetGrain<IEmailLoginGrain>(normalized);
        var held = await login.FindAsync();
        if (held is not null && held.UserId != userId)
        {
            return EnsureOutcome.HeldByAnotherUser;
        }

        if (held is null)
        {
            // Racers claim for the same id, so the claim grain lets each through (same password, the last hash stays).
            await login.ClaimAsync(new EmailCredential(userId, hasher.HashPassword(HashSubject, password)));
        }

        var user = grains.GetGrain<IUserGrain>(userId);
        var outcome = held is null ? EnsureOutcome.PasswordSet : EnsureOutcome.AlreadyThere;
        if (await user.FindAsync() is not null)
        {
            return outcome;
        }

        try
        {
            await user.CreateAsync(new NewUser(normalized, displayName, role, libraryId));
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.Conflict)
        {
            // A racer created the same profile between our read and our write.
        }

        return outcome;
    }

    /// <summary>What <see cref="EnsureAsync"/> found or did.</summary>
    public enum EnsureOutcome
    {
        /// <summary>This call claimed the address with its password (and the profile exists).</summary>
        PasswordSet,

        /// <summary>The address already pointed at the user; its password was left as it was (and the profile exists).</summary>
        AlreadyThere,

        /// <summary>The address belongs to another user; nothing was created.</summary>
        HeldByAnotherUser,
    }

    private static RoomcastException EmailTaken() =>
        new(ErrorKind.Conflict, "email_taken", "A user with this email already exists.", [new FieldError("email", "is already registered")]);

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserProfile>().HashPassword(HashSubject, Guid.NewGuid().ToString()));
}
