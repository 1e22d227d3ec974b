namespace Roomcast;

/// <summary>Who may see a room or session: anyone signed in, or only its owner and admins.</summary>
public enum Visibility
{
    Public,
    Private,
}
