namespace Roomcast.Sessions;

/// <summary>A role a user holds in one session, besides its host.</summary>
/// <remarks>Persisted as its number: never renumber, only append.</remarks>
public enum SessionRole
{
    CoHost = 1,
    Moderator = 2,
}
