using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using Orleans.Hosting;
using Roomcast.Silo;

namespace Roomcast.WebApi.Tests;

/// <summary>The standalone silo has no accounts to sign an admin in with: its dashboard exists only when anonymous access is configured.</summary>
public sealed class SiloDashboardTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task TheStandaloneSiloMapsItsDashboardOnlyWhenAnonymousAccessIsConfigured(string? allowAnonymous, bool mapped)
    {
        var builder = WebApplication.CreateBuilder();
        if (allowAnonymous is not null)
        {
            builder.Configuration["Dashboard:AllowAnonymous"] = allowAnonymous;
        }

        // The dashboard's services without a running silo: the route table is all this test reads.
        builder.UseOrleansClient(client => client.UseLocalhostClustering().AddDashboard());
        builder.Services.AddHealthChecks();
        await using var app = builder.Build();

        app.MapSiloEndpoints();

        var patterns = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText ?? "").ToList();
        Assert.Contains("/health", patterns);
        Assert.Equal(mapped, patterns.Any(p => p.StartsWith("/dashboard", StringComparison.Ordinal)));
    }
}
