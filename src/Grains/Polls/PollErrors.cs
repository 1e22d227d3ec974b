using System.Globalization;
using Roomcast.Errors;

namespace Roomcast.Grains.Polls;

/// <summary>The refusals of polls, each with its own code.</summary>
public static class PollErrors
{
    public static RoomcastException AlreadyVoted() =>
        new(ErrorKind.Conflict, "already_voted", "You have already voted in this poll; a vote cannot be changed.");

    public static RoomcastException Closed(DateTimeOffset closedAt) =>
        new(ErrorKind.Conflict, "poll_closed", "The poll is closed.", [new FieldError("closed_at", closedAt.ToString("O", CultureInfo.InvariantCulture))]);

    public static RoomcastException TooMany(int max) =>
        new(ErrorKind.Conflict, "too_many_polls", $"The session already has {max} polls, the most it may hold.",
            [new FieldError("max_polls", max.ToString(CultureInfo.InvariantCulture))]);

    public static RoomcastException Disabled() =>
        new(ErrorKind.Conflict, "polls_disabled", "Polls are turned off in this session's settings (polls_enabled).");

    public static RoomcastException NotJoined() =>
        new(ErrorKind.Forbidden, "not_joined", "Join the session before voting in its polls.");
}
