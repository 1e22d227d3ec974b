using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>Issue 13: the Orleans dashboard behind an admin sign-in (cookie from the login form, or a bearer token).</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardAccessTests(RoomcastApiFactory api)
{
    /// <summary>The live log, every reminder, the page itself and the JSON the page polls.</summary>
    public static TheoryData<string> GuardedPaths => new() { "/dashboard/", "/dashboard/Trace", "/dashboard/Reminders", "/dashboard/DashboardCounters" };

    private static readonly string[] LoginRoutes = ["/dashboard/login", "/dashboard/logout"];

    [Theory]
    [MemberData(nameof(GuardedPaths))]
    public async Task AnAnonymousBrowserIsSentToTheLoginPage(string path)
    {
        var response = await DashboardBrowser.Open(api).NavigateAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/dashboard/login?returnUrl=", location);
        Assert.Contains(Uri.EscapeDataString(path), location);
    }

    [Theory]
    [MemberData(nameof(GuardedPaths))]
    public async Task AnAnonymousScriptGets401(string path)
    {
        var response = await DashboardBrowser.Open(api).FetchAsync(path);

        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    /// <summary>Every route the dashboard package maps (silo addresses filled in), not just the ones named above.</summary>
    [Fact]
    public async Task EveryDashboardRouteRefusesAnAnonymousCaller()
    {
        var paths = DashboardPaths().ToList();
        Assert.True(paths.Count > 15, $"only {paths.Count} dashboard routes found");

        var client = api.Anonymous();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task ANonAdminBearerTokenIsForbidden()
    {
        var host = await api.CreateHostAsync();

        foreach (var path in new[] { "/dashboard/", "/dashboard/Reminders", "/dashboard/Trace" })
        {
            await (await host.Client.GetAsync(path)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    public async Task AnAdminBearerTokenOpensTheDashboard()
    {
        var admin = await api.AdminAsync();

        var response = await admin.Client.GetAsync("/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnAdminSignedInByTheFormGetsAStrictHttpOnlyCookieAndTheDashboard()
    {
        var browser = DashboardBrowser.Open(api);

        var signIn = await browser.SignInAsync(RoomcastApiFactory.AdminEmail, RoomcastApiFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/dashboard/", signIn.Headers.Location?.OriginalString);
        var cookie = DashboardBrowser.SessionCookie(signIn);
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase); // a browser-session cookie

        var page = await browser.NavigateAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        foreach (var path in new[] { "/dashboard/DashboardCounters", "/dashboard/Reminders", "/dashboard/GrainTypes", "/dashboard/ClusterStats" })
        {
            var json = await browser.FetchAsync(path);
            Assert.True(json.StatusCode == HttpStatusCode.OK, $"{path}: {(int)json.StatusCode} {await json.Content.ReadAsStringAsync()}");
            JsonDocument.Parse(await json.Content.ReadAsStringAsync()).Dispose();
        }

        using var trace = await browser.FetchAsync("/dashboard/Trace", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, trace.StatusCode);
    }

    [Fact]
    public async Task OverHttpsTheCookieIsSecureAndOverHttpItIsNot()
    {
        var https = DashboardBrowser.Open(api, baseAddress: new Uri("https://localhost"));
        var http = DashboardBrowser.Open(api);

        var secure = DashboardBrowser.SessionCookie(await https.SignInAsync(RoomcastApiFactory.AdminEmail, RoomcastApiFactory.AdminPassword));
        var plain = DashboardBrowser.SessionCookie(await http.SignInAsync(RoomcastApiFactory.AdminEmail, RoomcastApiFactory.AdminPassword));

        Assert.Contains("; secure", secure, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", plain, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AWrongPasswordShowsTheFormAgainWithAnErrorAndNoCookie()
    {
        var browser = DashboardBrowser.Open(api);

        var response = await browser.SignInAsync(RoomcastApiFactory.AdminEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Wrong email or password", html);
        Assert.Contains("<form", html);
        Assert.Null(DashboardBrowser.SessionCookie(response));
        await (await browser.FetchAsync("/dashboard/DashboardCounters")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ANonAdminWithTheRightPasswordGetsTheSameAnswerAsAWrongOne()
    {
        var viewer = await api.CreateViewerAsync();
        var browser = DashboardBrowser.Open(api);

        var response = await browser.SignInAsync(viewer.Email!, viewer.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password", await response.Content.ReadAsStringAsync());
        Assert.Null(DashboardBrowser.SessionCookie(response));
        await (await browser.FetchAsync("/dashboard/Reminders")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryTokenIsRefused()
    {
        var browser = DashboardBrowser.Open(api);

        var response = await browser.SignInAsync(RoomcastApiFactory.AdminEmail, RoomcastApiFactory.AdminPassword, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(DashboardBrowser.SessionCookie(response));
    }

    [Fact]
    public async Task AnOversizedOrForeignBodyGetsTheFormAgainNotA500()
    {
        var browser = DashboardBrowser.Open(api);
        var manyFields = Enumerable.Range(0, 100).Select(i => new KeyValuePair<string, string>($"f{i}", "x"));
        var bodies = new HttpContent[]
        {
            new FormUrlEncodedContent(manyFields),
            new FormUrlEncodedContent([new("email", new string('a', 10_000))]),
            ApiJson.Body(new { Email = RoomcastApiFactory.AdminEmail, Password = RoomcastApiFactory.AdminPassword }),
        };

        foreach (var body in bodies)
        {
            var response = await browser.Client.PostAsync("/dashboard/login", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("<form", await response.Content.ReadAsStringAsync());
            Assert.Null(DashboardBrowser.SessionCookie(response));
        }
    }

    [Theory]
    [InlineData("/dashboard/Reminders", "/dashboard/Reminders")]
    [InlineData("https://evil.example/dashboard/", "/dashboard/")]
    [InlineData("//evil.example/dashboard/", "/dashboard/")]
    [InlineData("/dashboard//evil.example", "/dashboard/")]
    [InlineData("/v1/rooms", "/dashboard/")]
    public async Task SigningInReturnsOnlyToADashboardPage(string returnUrl, string expected)
    {
        var browser = DashboardBrowser.Open(api);

        var response = await browser.SignInAsync(RoomcastApiFactory.AdminEmail, RoomcastApiFactory.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LogoutClearsTheCookieButNotFromAnotherSite()
    {
        var browser = DashboardBrowser.Open(api);
        await browser.SignInAsync(RoomcastApiFactory.AdminEmail, RoomcastApiFactory.AdminPassword);

        var crossSite = new HttpRequestMessage(HttpMethod.Post, "/dashboard/logout");
        crossSite.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Client.SendAsync(crossSite)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.FetchAsync("/dashboard/DashboardCounters")).StatusCode);

        var logout = await browser.Client.PostAsync("/dashboard/logout", null);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/dashboard/login", logout.Headers.Location?.OriginalString);
        await (await browser.FetchAsync("/dashboard/DashboardCounters")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("SiloProperties")]
    [InlineData("SiloMetadata")]
    [InlineData("SiloStats")]
    [InlineData("SiloCounters")]
    [InlineData("HistoricalStats")]
    public async Task SiloRoutesAnswer400ToAMalformedAddress404ToAnUnknownOneAnd200ToTheSilo(string route)
    {
        var admin = await api.AdminAsync();

        foreach (var malformed in new[] { "not-a-silo", "1.2.3.4", "1.2.3.4:99999@1", "1.2.3.4:11111@x", "%20" })
        {
            var response = await admin.Client.GetAsync($"/dashboard/{route}/{malformed}");
            await response.ShouldFailAsync(HttpStatusCode.BadRequest, "invalid_silo_address");
        }

        await (await admin.Client.GetAsync($"/dashboard/{route}/10.9.8.7:1234@1")).ShouldFailAsync(HttpStatusCode.NotFound, "unknown_silo");

        var silo = api.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        var ok = await admin.Client.GetAsync($"/dashboard/{route}/{silo}");
        Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{route}/{silo}: {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task NoDashboardRouteIsInTheOpenApiDocument()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/auth/login", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/dashboard", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>One GET path per dashboard route of the app, silo addresses and other parameters filled in.</summary>
    private IEnumerable<string> DashboardPaths() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Where(p => p.StartsWith("/dashboard", StringComparison.Ordinal) && !LoginRoutes.Contains(p))
            .Distinct()
            .Select(p => p
                .Replace("{page:int}", "1")
                .Replace("{*address}", "127.0.0.1:11111@1")
                .Replace("{*path}", "127.0.0.1:11111@1")
                .Replace("{**path}", "x.woff")
                .Replace("{*grainName}", "Roomcast.Grains.SessionGrain"));
}

[Collection(AnonymousDashboardCollection.Name)]
public sealed class AnonymousDashboardTests(AnonymousDashboardApiFactory api)
{
    [Fact]
    public async Task AllowAnonymousServesTheDashboardToAnyoneAndSaysSoInTheLog()
    {
        var client = api.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/DashboardCounters")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/Reminders")).StatusCode);
        Assert.Contains(api.Warnings, line => line.Contains("WITHOUT sign-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SiloAddressesAreCheckedForAnonymousCallersToo()
    {
        var response = await api.Anonymous().GetAsync("/dashboard/SiloProperties/not-a-silo");

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "invalid_silo_address");
    }
}
