using System.Globalization;
using Roomcast.Errors;
using Roomcast.Stage;

namespace Roomcast.Grains.Stage;

/// <summary>The refusals of the stage, each with its own code.</summary>
public static class StageErrors
{
    public static RoomcastException HandRaiseDisabled() =>
        new(ErrorKind.Conflict, "hand_raise_disabled", "Hand raising is turned off in this session's settings.");

    public static RoomcastException NotJoined() =>
        new(ErrorKind.Forbidden, "not_joined", "Join the session first: only people present may raise a hand or ask for the stage.");

    public static RoomcastException TargetNotJoined() =>
        new(ErrorKind.Conflict, "not_joined", "That person is not present in the session; only people present can be put on the stage.",
            [new FieldError("user_id", "is not present in the session")]);

    public static RoomcastException StageFull(int cap) =>
        new(ErrorKind.Conflict, "stage_full", $"The stage is full: it holds {cap} people besides the host.",
            [new FieldError("max_stage_participants", cap.ToString(CultureInfo.InvariantCulture))]);

    public static RoomcastException AlreadyDecided(StageRequest request) =>
        new(ErrorKind.Conflict, "already_decided", $"The request was {request.Status.ToString().ToLowerInvariant()} already.",
            [new FieldError("status", request.Status.ToString().ToLowerInvariant())]);

    public static RoomcastException AlreadyOnStage() =>
        new(ErrorKind.Conflict, "already_on_stage", "You are on the stage already.");

    public static RoomcastException NotOnStage() =>
        new(ErrorKind.Conflict, "not_on_stage", "Only people on the stage get a stage token; ask to join it first.");

    public static RoomcastException QueueFull(string what, int cap) =>
        new(ErrorKind.Conflict, "stage_queue_full", $"This session already has {cap} pending {what}; wait for the host to answer some.",
            [new FieldError("limit", cap.ToString(CultureInfo.InvariantCulture))]);
}
