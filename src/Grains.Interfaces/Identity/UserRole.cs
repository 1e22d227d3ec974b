namespace Roomcast.Identity;

/// <summary>A user's global role. Per-session roles (co-host, moderator) live with the session.</summary>
/// <remarks>Persisted as its number (grain state, catalog): never renumber, only append.</remarks>
public enum UserRole
{
    Viewer = 0,
    Host = 1,
    Admin = 2,
}
