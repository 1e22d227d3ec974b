namespace Roomcast.WebApi.Extensions;

/// <summary>The Orleans dashboard at <c>/dashboard</c> (configuration section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Whether anyone may open it; unset means yes in dev mode and admins only in cluster mode.</summary>
    public bool? AllowAnonymous { get; set; }
}
