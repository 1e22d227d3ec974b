using System.Security.Claims;
using Roomcast.Errors;
using Roomcast.Libraries;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Auth;

/// <summary>
/// Who is calling and which library the request is confined to. On <c>/v1/libraries/{libraryId}/...</c>
/// routes that is the named library, which a caller outside it is told does not exist (404); elsewhere it is
/// the caller's own library, and for admins no library at all (they operate every one).
/// </summary>
public sealed record RequestScope(ClaimsPrincipal User, Caller Caller, Guid? LibraryId, string RoutePrefix)
{
    public const string LibraryRouteValue = "libraryId";

    /// <summary>The library a resource created by this request belongs to.</summary>
    public Guid CreationLibraryId => LibraryId ?? Caller.LibraryId;

    /// <summary>The address of a resource as seen through the route this request came in on.</summary>
    public string PathOf(string resourcePath) => RoutePrefix + resourcePath;

    public static async ValueTask<RequestScope?> BindAsync(HttpContext http)
    {
        var caller = Caller.From(http.User);
        if (http.GetRouteValue(LibraryRouteValue) is not string raw)
        {
            return new RequestScope(http.User, caller, caller.IsAdmin ? null : caller.LibraryId, ApiScope.Caller.Prefix);
        }

        if (!Guid.TryParse(raw, out var libraryId))
        {
            throw RoomcastException.Invalid("library_id", "is not a valid id");
        }

        var visible = caller.IsAdmin
            ? await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ILibraryGrain>(libraryId).FindAsync() is not null
            : caller.IsMemberOf(libraryId);
        return visible
            ? new RequestScope(http.User, caller, libraryId, ApiScope.Library.Prefix.Replace($"{{{LibraryRouteValue}}}", libraryId.ToString()))
            : throw RoomcastException.NotFound("Library");
    }
}
