using Microsoft.AspNetCore.Authorization;
using Roomcast.Errors;
using Roomcast.Libraries;
using Roomcast.Presets;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// Applies the resource policies to rooms, sessions and presets: what a caller may not even see (another library's,
/// or private and not theirs) is a 404, so its existence is not revealed; what they may see but not do is a 403.
/// </summary>
public sealed class ResourceAuthorization(IAuthorizationService authorization)
{
    public Task RequireAsync(RequestScope scope, RoomSnapshot room, RoomPermission permission) =>
        RequireAsync(scope, room, "Room", Policies.For(RoomPermission.View), Policies.For(permission), ApiEnum.Name(permission));

    public Task RequireAsync(RequestScope scope, SessionSnapshot session, SessionPermission permission) =>
        RequireAsync(scope, session, "Session", Policies.For(SessionPermission.View), Policies.For(permission), ApiEnum.Name(permission));

    /// <summary>A preset is private: anyone but its owner (and admins in scope) is told it does not exist.</summary>
    public Task RequireAsync(RequestScope scope, PresetSnapshot preset) =>
        RequireAsync(scope, preset, "Preset", Policies.PresetOwner, Policies.PresetOwner, "manage");

    private async Task RequireAsync<TResource>(
        RequestScope scope, TResource resource, string what, string viewPolicy, string policy, string permission)
        where TResource : ILibraryOwned
    {
        var scoped = new ScopedResource<TResource>(resource, scope.LibraryId);
        if (!(await authorization.AuthorizeAsync(scope.User, scoped, viewPolicy)).Succeeded)
        {
            throw RoomcastException.NotFound(what);
        }

        if (policy != viewPolicy && !(await authorization.AuthorizeAsync(scope.User, scoped, policy)).Succeeded)
        {
            throw RoomcastException.Forbidden($"Your role in this {what.ToLowerInvariant()} does not grant '{permission}'.");
        }
    }
}
