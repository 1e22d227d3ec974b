using System.ComponentModel.DataAnnotations;

namespace Roomcast.WebApi.Auth;

/// <summary>Lifetimes of the sign-in flows (configuration section <c>Auth</c>).</summary>
public sealed class AuthFlowOptions
{
    public const string SectionName = "Auth";

    /// <summary>How long a refresh-token family lives from its sign-in; rotation does not extend it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}
