namespace Roomcast;

/// <summary>Who may see a room or session: anyone signed in, or only its owner and admins.</summary>
/// <remarks>Persisted as its number (grain state, catalog): never renumber, only append.</remarks>
public enum Visibility
{
    Public = 0,
    Private = 1,
}
