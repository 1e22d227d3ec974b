using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Roomcast.Errors;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// On <c>/v1/libraries/{libraryId}/...</c>, a caller outside that library is told it does not exist (404) even
/// when an endpoint policy (a role, a person rather than an API key) refused them first: the library check of
/// <see cref="RequestScope"/> would otherwise never be reached, and the tenant boundary would answer 403.
/// </summary>
public sealed class LibraryScopeAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            && pattern.StartsWith(ApiScope.Library.Prefix, StringComparison.Ordinal)
            && context.GetRouteValue(RequestScope.LibraryRouteValue) is string library
            && Caller.From(context.User) is { IsAdmin: false } caller
            && !(Guid.TryParse(library, out var libraryId) && caller.IsMemberOf(libraryId)))
        {
            throw RoomcastException.NotFound("Library");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
