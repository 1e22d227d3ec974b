using System.Security.Claims;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>Who is calling, read from the validated credentials: a user's access token or an API key.</summary>
public sealed record Caller(Guid UserId, UserRole Role, Guid LibraryId)
{
    /// <summary>Admins operate the whole deployment: every library is in their scope.</summary>
    public bool IsAdmin => Role == UserRole.Admin;

    /// <summary>Whether this caller belongs to the library; admins reach every library that exists, but belong to their own.</summary>
    public bool IsMemberOf(Guid libraryId) => LibraryId == libraryId;

    public static Caller From(ClaimsPrincipal principal) =>
        (principal.Identity as CallerIdentity)?.Caller
        ?? Read(principal.FindFirstValue)
        ?? throw new RoomcastException(ErrorKind.Unauthorized, "unauthorized", "The credentials name no valid subject, role or library.");

    /// <summary>The caller named by these claims, or null when the subject, role or library is missing or malformed.</summary>
    public static Caller? Read(Func<string, string?> claim) =>
        Guid.TryParse(claim(RoomcastClaims.Subject), out var id)
        && ApiEnum.TryParse<UserRole>(claim(RoomcastClaims.Role) ?? "", out var role)
        && Guid.TryParse(claim(RoomcastClaims.Library), out var library)
            ? new Caller(id, role, library)
            : null;
}
