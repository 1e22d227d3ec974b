using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>The dashboard cookie on the fake identity clock: 20 minutes sliding, and never beyond 8 hours after signing in.</summary>
[Collection(AuthClockCollection.Name)]
public sealed class DashboardSignInExpiryTests(FakeClockApiFactory api)
{
    [Fact]
    public async Task ACookieLeftAloneForItsLifetimeStopsWorking()
    {
        var browser = await SignedInAsync();

        api.Clock.Advance(TimeSpan.FromMinutes(21));

        await (await browser.FetchAsync("/dashboard/DashboardCounters")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ABusyCookieSlidesButStopsEightHoursAfterSigningIn()
    {
        var browser = await SignedInAsync();
        var step = TimeSpan.FromMinutes(15);
        for (var elapsed = step; elapsed < TimeSpan.FromHours(8); elapsed += step)
        {
            api.Clock.Advance(step);
            var response = await browser.FetchAsync("/dashboard/DashboardCounters");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"after {elapsed}: {(int)response.StatusCode}");
        }

        api.Clock.Advance(step);

        await (await browser.FetchAsync("/dashboard/DashboardCounters")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private async Task<DashboardBrowser> SignedInAsync()
    {
        var browser = DashboardBrowser.Open(api);
        var signIn = await browser.SignInAsync(RoomcastApiFactory.AdminEmail, RoomcastApiFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.FetchAsync("/dashboard/DashboardCounters")).StatusCode);
        return browser;
    }
}
