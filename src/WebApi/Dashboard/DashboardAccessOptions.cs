using System.ComponentModel.DataAnnotations;

namespace Roomcast.WebApi.Dashboard;

/// <summary>Who may open the Orleans dashboard (configuration section <c>Dashboard</c>).</summary>
public sealed class DashboardAccessOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Serve the dashboard to anyone, with a warning at start. Off unless configured, also in dev mode.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>How long the sign-in cookie lives without a request; each request past half of it renews it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How long after signing in the cookie stops working however busy the tab is (the sliding renewal stops here).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxSignInAge { get; set; } = TimeSpan.FromHours(8);
}
