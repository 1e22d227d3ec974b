using Roomcast.Errors;

namespace Roomcast.Storage;

internal static class RecordingStorageErrors
{
    public const string UnavailableCode = "recording_storage_unavailable";

    public static RoomcastException Unavailable(string kind) =>
        new(ErrorKind.Unavailable, UnavailableCode, $"Recording storage ({kind}) is unavailable; try again later.");
}
