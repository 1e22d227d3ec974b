using System.ComponentModel.DataAnnotations;

namespace Roomcast.WebApi.Auth;

/// <summary>Lifetimes of the sign-in flows (configuration section <c>Auth</c>).</summary>
public sealed class AuthFlowOptions
{
    public const string SectionName = "Auth";

    /// <summary>How long a refresh-token family lives from its sign-in; rotation does not extend it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long the refresh token a rotation consumed may be presented again and get the same new pair (a client
    /// that retries, or several tabs refreshing at once). After it, presenting that token again revokes the sign-in.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RefreshRetryGrace { get; set; } = TimeSpan.FromSeconds(5);
}
