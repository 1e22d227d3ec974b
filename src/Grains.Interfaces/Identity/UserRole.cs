namespace Roomcast.Identity;

/// <summary>A user's global role. Per-session roles (co-host, moderator) live with the session.</summary>
public enum UserRole
{
    Viewer,
    Host,
    Admin,
}
