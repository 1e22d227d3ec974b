namespace Roomcast.Audience;

/// <summary>The part a person plays in a session's audience; it decides their LiveKit rights.</summary>
/// <remarks>Persisted as its number: never renumber, only append.</remarks>
public enum AttendeeRole
{
    Viewer = 1,
    Moderator = 2,
    CoHost = 3,
    Host = 4,

    /// <summary>A deployment admin with no role in the session.</summary>
    Admin = 5,
}
