namespace Roomcast.WebApi.Auth;

/// <summary>What a caller wants to do with a room.</summary>
public enum RoomPermission
{
    /// <summary>Read it: public rooms, or the caller's own.</summary>
    View,

    /// <summary>Change or delete it, and create sessions in it: its owner.</summary>
    Manage,
}
