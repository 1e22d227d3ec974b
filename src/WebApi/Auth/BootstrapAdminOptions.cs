using System.ComponentModel.DataAnnotations;

namespace Roomcast.WebApi.Auth;

/// <summary>The first admin (configuration section <c>Auth:BootstrapAdmin</c>).</summary>
public sealed class BootstrapAdminOptions
{
    public const string SectionName = "Auth:BootstrapAdmin";

    [EmailAddress]
    public string? Email { get; set; }

    /// <summary>Required with <see cref="Email"/> in cluster mode; in dev mode an empty one is generated and logged.</summary>
    [MinLength(8)]
    public string? Password { get; set; }
}
