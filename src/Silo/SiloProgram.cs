using Orleans.Dashboard;
using Roomcast.Silo.Hosting;

namespace Roomcast.Silo;

/// <summary>A standalone silo; it serves its own <c>/health</c> and <c>/dashboard</c> on the HTTP port.</summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseOrleans(silo => silo.AddRoomcast(builder.Configuration));
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        await app.RunAsync();
    }
}
