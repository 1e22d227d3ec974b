namespace Roomcast.WebApi.Auth;

/// <summary>The first admin (configuration section <c>Auth:BootstrapAdmin</c>).</summary>
public sealed class BootstrapAdminOptions
{
    public const string SectionName = "Auth:BootstrapAdmin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
