using Orleans.Dashboard;
using Roomcast.Silo.Hosting;
using Roomcast.Silo.Migrations;

namespace Roomcast.Silo;

/// <summary>
/// A standalone silo; it serves its own <c>/health</c> on the HTTP port, and <c>/dashboard</c> only when
/// <c>Dashboard:AllowAnonymous=true</c>: a silo has no user accounts to sign an admin in with, and the dashboard of
/// any API node shows the same cluster behind an admin sign-in, so a silo does not open a second door by default.
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
        builder.UseOrleans(silo => silo.AddRoomcast(builder.Configuration));
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        app.MapSiloEndpoints();
        await app.RunAsync();
        return 0;
    }

    /// <summary><c>/health</c>, and the dashboard only when <c>Dashboard:AllowAnonymous=true</c> (with a warning).</summary>
    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
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
