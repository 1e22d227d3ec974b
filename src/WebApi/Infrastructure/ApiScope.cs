namespace Roomcast.WebApi.Infrastructure;

/// <summary>
/// Where a resource's routes are mapped: once at <c>/v1</c> (the caller's own library) and once under
/// <c>/v1/libraries/{libraryId}</c> (seed 003's library-scoped variants). Both run the same handlers; the
/// library is applied by <see cref="Auth.RequestScope"/>.
/// </summary>
public sealed record ApiScope(string Prefix, string NameSuffix, string SummarySuffix, string? Tag)
{
    public static readonly ApiScope Caller = new("/v1", "", "", null);

    public static readonly ApiScope Library = new("/v1/libraries/{" + Auth.RequestScope.LibraryRouteValue + "}", "InLibrary", " (in a library)", "Library-Scoped");

    public static readonly IReadOnlyList<ApiScope> All = [Caller, Library];

    /// <summary>An authenticated, validated group of routes under this scope.</summary>
    public RouteGroupBuilder Group(IEndpointRouteBuilder app, string path, string tag) =>
        app.MapGroup(Prefix + path).WithTags(Tag ?? tag)
            .RequireAuthorization()
            .AddEndpointFilterFactory(RequestValidationFilter.AddWhereNeeded);

    /// <summary>Names and summarizes a route, distinctly per scope so OpenAPI operation ids stay unique.</summary>
    public RouteHandlerBuilder Describe(RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name + NameSuffix).WithSummary(summary + SummarySuffix);
}
