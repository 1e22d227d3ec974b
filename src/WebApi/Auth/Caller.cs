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

    public static Caller From(ClaimsPrincipal principal)
    {
        if (Guid.TryParse(principal.FindFirstValue(RoomcastClaims.Subject), out var id)
            && ApiEnum.TryParse<UserRole>(principal.FindFirstValue(RoomcastClaims.Role) ?? "", out var role)
            && Guid.TryParse(principal.FindFirstValue(RoomcastClaims.Library), out var library))
        {
            return new Caller(id, role, library);
        }

        throw new RoomcastException(ErrorKind.Unauthorized, "unauthorized", "The credentials name no valid subject, role or library.");
    }
}
