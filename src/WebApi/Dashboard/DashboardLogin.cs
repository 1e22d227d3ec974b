using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Roomcast.Grains.Identity;
using Roomcast.Identity;
using Roomcast.Hosting;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Contracts;

namespace Roomcast.WebApi.Dashboard;

/// <summary>
/// The dashboard's sign-in for browsers: <c>GET /dashboard/login</c> serves a form, <c>POST /dashboard/login</c>
/// checks the email and password with <see cref="UserAccounts"/> (unknown emails cost the same hashing time) and
/// gives only an admin the cookie, <c>POST /dashboard/logout</c> clears it. The form carries an antiforgery token
/// (and both cookies are SameSite=Strict); the POST shares the <see cref="AuthRateLimiting.Policy"/> budget of the
/// API's credential routes.
/// </summary>
public static class DashboardLogin
{
    public const string ReturnUrlField = "returnUrl";
    public const string AntiforgeryField = "__af";

    /// <summary>One answer for an unknown email, a wrong password and a non-admin, so the form reveals none of them.</summary>
    public const string WrongCredentials = "Wrong email or password, or not an admin account.";

    private const string Home = DashboardEndpoints.RoutePrefix + "/";
    private const long MaxFormBytes = 16 * 1024;

    /// <summary>Four short fields; anything bigger is not this form (and is not buffered to disk to find out).</summary>
    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = 4096,
        MultipartBodyLengthLimit = MaxFormBytes,
        MultipartHeadersCountLimit = 8,
    };

    public static IEndpointRouteBuilder MapDashboardLogin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(DashboardEndpoints.RoutePrefix).AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/login", ShowForm);
        group.MapPost("/login", SignInAsync).RequireRateLimiting(AuthRateLimiting.Policy);
        group.MapPost("/logout", SignOutAsync);
        return app;
    }

    public static IResult ShowForm(HttpContext http, IAntiforgery antiforgery) =>
        Form(http, antiforgery, StatusCodes.Status200OK, error: null, email: null, SafeReturnUrl(http.Request.Query[ReturnUrlField]));

    public static async Task<IResult> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, UserAccounts accounts, RequestValidationContext validation,
        [FromKeyedServices(IdentityClock.Key)] TimeProvider clock)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFormBytes;
        }

        if (!http.Request.HasFormContentType || http.Request.ContentLength > MaxFormBytes)
        {
            return Form(http, antiforgery, StatusCodes.Status400BadRequest, "Send the sign-in form.", null, Home);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(FormLimits, http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Form(http, antiforgery, StatusCodes.Status400BadRequest, "Send the sign-in form.", null, Home);
        }

        var returnUrl = SafeReturnUrl(form[ReturnUrlField]);
        var email = form["email"].ToString();
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Form(http, antiforgery, StatusCodes.Status400BadRequest, "The form expired; please sign in again.", email, returnUrl);
        }

        var password = form["password"].ToString();
        if (new LoginRequest(email, password).Validate(validation).Any())
        {
            return Form(http, antiforgery, StatusCodes.Status400BadRequest, "Enter an email and a password.", email, returnUrl);
        }

        var user = await accounts.VerifyAsync(email, password);
        if (user is not { Role: UserRole.Admin })
        {
            return Form(http, antiforgery, StatusCodes.Status200OK, WrongCredentials, email, returnUrl);
        }

        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.Items[DashboardCookieEvents.SignedInAtItem] =
            clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await http.SignInAsync(DashboardAccess.CookieScheme, DashboardCookieEvents.PrincipalOf(user), properties);
        return Results.Redirect(http.Request.PathBase + returnUrl);
    }

    /// <summary>Clears the cookie. A cross-site form cannot sign anyone out: such a POST names another origin.</summary>
    public static async Task<IResult> SignOutAsync(HttpRequest request)
    {
        if (IsCrossSite(request))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        await request.HttpContext.SignOutAsync(DashboardAccess.CookieScheme);
        return Results.Redirect(request.PathBase + DashboardAccess.LoginPath);
    }

    /// <summary>Where to go after signing in: a path under <c>/dashboard/</c> of this host, or the dashboard's home.</summary>
    public static string SafeReturnUrl(string? candidate) =>
        candidate is { Length: > 0 and <= 512 }
        && candidate.StartsWith(Home, StringComparison.Ordinal)
        && !candidate.Contains('\\') && !candidate.Contains("//", StringComparison.Ordinal)
        && !candidate.Any(char.IsControl)
            ? candidate
            : Home;

    private static bool IsCrossSite(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
        {
            return true;
        }

        var origin = request.Headers[HeaderNames.Origin].ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Form(HttpContext http, IAntiforgery antiforgery, int status, string? error, string? email, string returnUrl)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        var html = HtmlEncoder.Default;
        var action = html.Encode(http.Request.PathBase + DashboardAccess.LoginPath);
        var message = error is null ? "" : $"""<p class="error" role="alert">{html.Encode(error)}</p>""";
        return Results.Content($$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Roomcast dashboard: sign in</title>
            <style>
              body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
              label { display: block; margin: .8rem 0; } input { display: block; width: 100%; padding: .4rem; box-sizing: border-box; }
              button { margin-top: .8rem; padding: .5rem 1rem; } .error { color: #b00020; }
            </style>
            </head>
            <body>
            <h1>Roomcast dashboard</h1>
            <p>Sign in with an admin account.</p>
            {{message}}
            <form method="post" action="{{action}}">
            <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}">
            <input type="hidden" name="{{ReturnUrlField}}" value="{{html.Encode(returnUrl)}}">
            <label>Email <input name="email" type="email" autocomplete="username" required maxlength="320" value="{{html.Encode(email ?? "")}}"></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="256"></label>
            <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """, "text/html; charset=utf-8", statusCode: status);
    }
}
