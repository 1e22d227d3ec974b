using System.Security.Claims;
using Roomcast.Identity;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Centrifugo;

/// <summary>
/// The request scope of a Centrifugo subscriber: Centrifugo names only the user id its connect proxy answered, so the
/// role and library are read from the user's profile (not from a token that may have changed since), and the scope is
/// the one an ordinary request of that user on a <c>/v1/...</c> route has.
/// </summary>
public sealed class CentrifugoSubscribers(GrainReferences grains)
{
    public const string AuthenticationType = "CentrifugoProxy";

    /// <summary>The user's scope, or null when no such user exists.</summary>
    public async Task<RequestScope?> ScopeOfAsync(Guid userId)
    {
        if (await grains.Get<IUserGrain>(userId).FindAsync() is not { } profile)
        {
            return null;
        }

        var identity = CallerIdentity.Of(new ClaimsIdentity(
        [
            new Claim(RoomcastClaims.Subject, profile.Id.ToString("D")),
            new Claim(RoomcastClaims.Role, ApiEnum.Name(profile.Role)),
            new Claim(RoomcastClaims.Library, profile.LibraryId.ToString("D")),
            new Claim(RoomcastClaims.Name, profile.DisplayName),
        ], AuthenticationType, RoomcastClaims.Name, RoomcastClaims.Role));
        var caller = Caller.From(new ClaimsPrincipal(identity));
        return new RequestScope(new ClaimsPrincipal(identity), caller, caller.IsAdmin ? null : caller.LibraryId, ApiScope.Caller.Prefix);
    }
}
