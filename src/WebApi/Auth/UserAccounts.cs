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

    public async Task<bool> ExistsAsync(string email) =>
        await grains.GetGrain<IEmailLoginGrain>(Normalize(email)).FindAsync() is not null;

    private static RoomcastException EmailTaken() =>
        new(ErrorKind.Conflict, "email_taken", "A user with this email already exists.", [new FieldError("email", "is already registered")]);

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserProfile>().HashPassword(HashSubject, Guid.NewGuid().ToString()));
}
