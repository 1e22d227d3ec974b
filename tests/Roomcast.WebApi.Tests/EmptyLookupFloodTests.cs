using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// Floods of lookups of things that do not exist (random API keys, random refresh tokens on logout, random session
/// ids) leave no activations behind: each empty activation retires itself half a second after its last lookup.
/// </summary>
[Collection(QuotaCollection.Name)]
public sealed class EmptyLookupFloodTests(SmallQuotaApiFactory api)
{
    private const int Requests = 2000;

    // Activations of the flooded types that may remain: lookups still inside their half-second retirement delay.
    private const int MaxLeftBehind = 100;

    [Fact]
    public async Task TwoThousandRandomApiKeysAndLogoutsAndSessionLookupsLeaveAlmostNoActivations()
    {
        var viewer = await api.CreateViewerAsync();
        var anonymous = api.Anonymous();
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            switch (i % 3)
            {
                case 0:
                    using (var request = new HttpRequestMessage(HttpMethod.Get, "/v1/rooms"))
                    {
                        request.Headers.Add("x-api-key", ApiKeyFormat.Create().Text);
                        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request)).StatusCode);
                    }

                    break;
                case 1:
                    var logout = await anonymous.PostAsync("/v1/auth/logout",
                        ApiJson.Body(new { RefreshToken = $"{Guid.NewGuid():N}.{SecretTokens.New()}" }));
                    Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
                    break;
                default:
                    Assert.Equal(HttpStatusCode.NotFound, (await viewer.Client.GetAsync($"/v1/sessions/{Guid.NewGuid()}")).StatusCode);
                    break;
            }
        });

        // A real wait, not a clock: the retirement is a grain timer on the real clock of this API host.
        var management = api.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var left = await Eventually.MatchAsync(async () => await CountAsync(management),
            count => count <= MaxLeftBehind, TimeSpan.FromSeconds(10), "the empty activations to retire");

        Assert.InRange(left, 0, MaxLeftBehind);
    }

    private static async Task<int> CountAsync(IManagementGrain management)
    {
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("ApiKeyGrain", StringComparison.Ordinal)
                || s.GrainType.Contains("RefreshTokenFamilyGrain", StringComparison.Ordinal)
                || s.GrainType.Contains("SessionGrain", StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
    }
}
