using Orleans.Dashboard;
using Roomcast.Hosting;
using Roomcast.Persistence.Postgres.Migrations;

namespace Roomcast.Silo;

/// <summary>
/// A standalone silo; it serves <c>/health/live</c>, <c>/health/ready</c> (and <c>/health</c>) on its HTTP port
/// (<c>http://127.0.0.1:8081</c> unless <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> or <c>--urls</c> say
/// otherwise), and <c>/dashboard</c> only when <c>Dashboard:AllowAnonymous=true</c>: a silo has no user accounts to
/// sign an admin in with, and the dashboard of any API node shows the same cluster behind an admin sign-in, so a
/// silo does not open a second door by default.
/// </summary>
public static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "migrate")
        {
            return await MigrateAsync(args[1..]);
        }

        var builder = WebApplication.CreateBuilder(args);
        builder.AddRoomcastServiceDefaults("roomcast-silo", "http://127.0.0.1:8081", hostsSilo: true);
        builder.UseOrleans(silo => silo.AddRoomcast(builder.Configuration));

        var app = builder.Build();
        app.MapSiloEndpoints();
        await app.RunAsync();
        return 0;
    }

    /// <summary>Health, <c>/metrics</c> when <c>Telemetry:Prometheus=true</c>, and the dashboard only when <c>Dashboard:AllowAnonymous=true</c> (with a warning).</summary>
    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.MapRoomcastDefaultEndpoints();
        if (app.Configuration.GetValue<bool>(DashboardEndpoints.AllowAnonymousKey))
        {
            app.MapOrleansDashboard(routePrefix: DashboardEndpoints.RoutePrefix).GuardSiloAddresses(DashboardEndpoints.PlainError);
            DashboardEndpoints.LogAnonymous(app.Logger, DashboardEndpoints.RoutePrefix);
        }

        return app;
    }

    /// <summary><c>dotnet run --project src/Silo -- migrate</c>: applies the database migrations and exits.</summary>
    private static async Task<int> MigrateAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var hosting = RoomcastHostingOptions.From(builder.Configuration);
        if (hosting.Storage != StorageMode.Postgres || hosting.ConnectionString is null)
        {
            await Console.Error.WriteLineAsync("migrate: set Storage=Postgres and ConnectionStrings__Roomcast; Dev mode has no database.");
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var migrator = new RoomcastMigrator(hosting.ConnectionString, loggerFactory.CreateLogger<RoomcastMigrator>());
        try
        {
            var applied = await migrator.MigrateAsync();
            Console.WriteLine($"migrate: done, {applied.Count} script(s) applied.");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"migrate: {ex.Message}");
            return 1;
        }
    }
}
