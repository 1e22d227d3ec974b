using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>A browser on the dashboard: keeps cookies, does not follow redirects (tests look at them), asks for HTML.</summary>
public sealed partial class DashboardBrowser(HttpClient client)
{
    public const string CookieName = "roomcast.dashboard";

    public HttpClient Client { get; } = client;

    public static DashboardBrowser Open(RoomcastApiFactory api, string? clientAddress = null, Uri? baseAddress = null)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true };
        if (baseAddress is not null)
        {
            options.BaseAddress = baseAddress;
        }

        var client = api.CreateClient(options);
        if (clientAddress is not null)
        {
            client.DefaultRequestHeaders.Add(RateLimitedApiFactory.ClientAddressHeader, clientAddress);
        }

        return new DashboardBrowser(client);
    }

    /// <summary>A page load: <c>Accept: text/html</c>, as a browser navigating sends.</summary>
    public Task<HttpResponseMessage> NavigateAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        return Client.SendAsync(request);
    }

    /// <summary>A script's request (the dashboard's own polling), asking for JSON.</summary>
    public Task<HttpResponseMessage> FetchAsync(string path, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/json");
        return Client.SendAsync(request, completion);
    }

    /// <summary>Loads the login form and posts it, antiforgery token included (unless told to leave it out).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null, bool withToken = true)
    {
        var form = await NavigateAsync("/dashboard/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var fields = new Dictionary<string, string> { ["email"] = email, ["password"] = password };
        if (withToken)
        {
            fields["__af"] = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        }

        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        return await Client.PostAsync("/dashboard/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>The dashboard cookie's Set-Cookie header in a response, or null.</summary>
    public static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(CookieName + "=", StringComparison.Ordinal))
            : null;

    [GeneratedRegex("""name="__af" value="([^"]+)""")]
    private static partial Regex AntiforgeryToken();
}
