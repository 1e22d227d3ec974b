using System.Security.Claims;
using Roomcast.Errors;
using Roomcast.Identity;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>Who is calling, read from the validated access token.</summary>
public sealed record Caller(Guid UserId, UserRole Role)
{
    public bool IsAdmin => Role == UserRole.Admin;

    public static Caller From(ClaimsPrincipal principal)
    {
        if (Guid.TryParse(principal.FindFirstValue(RoomcastClaims.Subject), out var id)
            && ApiEnum.TryParse<UserRole>(principal.FindFirstValue(RoomcastClaims.Role) ?? "", out var role))
        {
            return new Caller(id, role);
        }

        throw new RoomcastException(ErrorKind.Unauthorized, "unauthorized", "The access token has no valid subject or role.");
    }
}
