using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Roomcast.Grains.Identity;
using Roomcast.Identity;
using Roomcast.WebApi.Auth;

namespace Roomcast.WebApi.Dashboard;

/// <summary>
/// The dashboard cookie's answers: a browser navigating without a sign-in goes to the login page, anything else
/// (the dashboard's own JSON polling, curl) gets a 401; a signed-in non-admin gets a 403, never a redirect. Each
/// request re-reads the user, so a cookie stops working once its user is gone or no longer an admin, and once
/// <see cref="DashboardAccessOptions.MaxSignInAge"/> has passed since the sign-in, however often it slid.
/// </summary>
public sealed class DashboardCookieEvents(
    IGrainFactory grains, [FromKeyedServices(IdentityClock.Key)] TimeProvider clock, IOptions<DashboardAccessOptions> options)
    : CookieAuthenticationEvents
{
    /// <summary>The sign-in time (unix ms) in the cookie's properties; the cookie's own issue time moves when it slides.</summary>
    public const string SignedInAtItem = "roomcast.signed_in_at";

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsBrowserNavigation(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var signedInAt = context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
                         && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : (DateTimeOffset?)null;
        var fresh = signedInAt is { } at && clock.GetUtcNow() - at < options.Value.MaxSignInAge;
        var caller = context.Principal is { } principal ? Caller.Read(principal.FindFirstValue) : null;
        var user = fresh && caller is not null ? await grains.GetGrain<IUserGrain>(caller.UserId).FindAsync() : null;
        if (user is not { Role: UserRole.Admin })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardAccess.CookieScheme);
        }
    }

    /// <summary>A page load in a browser (it asks for HTML), as opposed to a script's or a tool's request.</summary>
    public static bool IsBrowserNavigation(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>The claims of an admin's cookie: the same names as in access tokens, so the admin policy reads both.</summary>
    public static ClaimsPrincipal PrincipalOf(UserProfile user) =>
        new(new ClaimsIdentity(
            [
                new Claim(RoomcastClaims.Subject, user.Id.ToString()),
                new Claim(RoomcastClaims.Name, user.DisplayName),
                new Claim(RoomcastClaims.Role, Infrastructure.ApiEnum.Name(user.Role)),
                new Claim(RoomcastClaims.Library, user.LibraryId.ToString()),
            ],
            DashboardAccess.CookieScheme, RoomcastClaims.Name, RoomcastClaims.Role));
}
