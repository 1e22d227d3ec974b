using Orleans.Runtime;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Roomcast.Hosting;

/// <summary>
/// What the API nodes and the standalone silo put around the Orleans dashboard package's routes: the
/// <c>Dashboard:AllowAnonymous</c> switch, its start-up warning, and a guard for the silo-address routes.
/// </summary>
public static partial class DashboardEndpoints
{
    public const string RoutePrefix = "/dashboard";

    /// <summary>The only way to serve the dashboard without a sign-in; off unless configured, in every storage mode.</summary>
    public const string AllowAnonymousKey = "Dashboard:AllowAnonymous";

    /// <summary>
    /// The package's routes that name a silo (<c>SiloProperties/{*address}</c>, <c>SiloMetadata</c>, <c>SiloStats</c>,
    /// <c>SiloCounters</c> and <c>HistoricalStats/{*path}</c>) hand the text straight to a grain keyed by it, so an
    /// unparsable address is a 500 and an unknown one a 503 (or a wait for the response timeout). This puts a filter in
    /// front of them: an address that does not parse is a 400, one that is not a silo of the cluster (dead ones
    /// included, the dashboard lists them) a 404. <paramref name="error"/> shapes the answer (status, code, message).
    /// </summary>
    public static RouteGroupBuilder GuardSiloAddresses(this RouteGroupBuilder dashboard, Func<int, string, string, IResult> error)
    {
        ((IEndpointConventionBuilder)dashboard).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && SiloAddressParameter(route.RoutePattern) is { } parameter)
            {
                endpoint.FilterFactories.Add((_, next) => context => CheckAsync(context, next, parameter, error));
            }
        });
        return dashboard;
    }

    /// <summary>The name of the route's silo-address parameter, or null when the route names no silo.</summary>
    public static string? SiloAddressParameter(RoutePattern pattern)
    {
        if (pattern.Parameters is not [{ IsCatchAll: true } parameter] || pattern.PathSegments.Count < 2)
        {
            return null;
        }

        var literal = pattern.PathSegments[^2].Parts is [RoutePatternLiteralPart part] ? part.Content : "";
        return parameter.Name == "address" || literal == "HistoricalStats" ? parameter.Name : null;
    }

    /// <summary>A plain JSON error for hosts without the API's envelope (the standalone silo).</summary>
    public static IResult PlainError(int status, string code, string message) =>
        Results.Json(new { success = false, error = new { code, message } }, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The Orleans dashboard at {Path} is served WITHOUT sign-in (Dashboard:AllowAnonymous=true): anyone who reaches this port sees the live log, every reminder and every grain.")]
    public static partial void LogAnonymous(ILogger logger, string path);

    private static async ValueTask<object?> CheckAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, string parameter, Func<int, string, string, IResult> error)
    {
        var http = context.HttpContext;
        if (!SiloAddress.TryParse(http.GetRouteValue(parameter) as string, out var silo) || silo is null)
        {
            return error(StatusCodes.Status400BadRequest, "invalid_silo_address",
                "Not a silo address; expected the form the dashboard lists, e.g. 10.0.0.5:11111@123456789.");
        }

        var hosts = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        if (!hosts.ContainsKey(silo))
        {
            return error(StatusCodes.Status404NotFound, "unknown_silo", "No silo of this cluster has this address.");
        }

        return await next(context);
    }
}
