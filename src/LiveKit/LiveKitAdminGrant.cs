namespace Roomcast.LiveKit;

/// <summary>
/// The <c>video</c> grant of a token for LiveKit's server API (not for a participant): admin of one room, or, with
/// <see cref="Room"/> null, of rooms in general. Kept apart from <see cref="LiveKitVideoGrant"/>, which is what
/// participants get.
/// </summary>
internal sealed record LiveKitAdminGrant(string? Room, bool RoomAdmin = true, bool RoomCreate = true, bool RoomList = true,
    bool RoomRecord = false);
