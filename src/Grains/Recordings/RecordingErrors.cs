using Roomcast.Errors;
using Roomcast.Recordings;

namespace Roomcast.Grains.Recordings;

internal static class RecordingErrors
{
    public static RoomcastException NotFound() => RoomcastException.NotFound("Recording");

    public static RoomcastException Active(RecordingSnapshot recording) =>
        new(ErrorKind.Conflict, "recording_active",
            $"The recording is {Name(recording.Status)}; stop it first.", [new FieldError("status", Name(recording.Status))]);

    public static string Name(RecordingStatus status) => status.ToString().ToLowerInvariant();
}
