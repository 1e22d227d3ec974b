using Roomcast.Errors;
using Roomcast.Sessions;

namespace Roomcast.Grains.Sessions;

internal static class SessionErrors
{
    public static RoomcastException IllegalTransition(string action, SessionState current) =>
        new(ErrorKind.Conflict, "illegal_transition",
            $"Cannot {action} a session that is {current.ToString().ToLowerInvariant()}.",
            [new FieldError("state", current.ToString().ToLowerInvariant())]);
}
