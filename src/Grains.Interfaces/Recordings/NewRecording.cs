namespace Roomcast.Recordings;

/// <summary>What a session's recordings grain hands a new recording grain.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.NewRecording")]
public sealed record NewRecording(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] Guid RoomId,
    [property: Id(2)] Guid LibraryId,
    [property: Id(3)] Guid OwnerId,
    [property: Id(4)] Guid StartedBy,
    [property: Id(5)] string Title);
