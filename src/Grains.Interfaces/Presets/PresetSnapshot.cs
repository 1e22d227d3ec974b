using Roomcast.Libraries;
using Roomcast.Sessions;

namespace Roomcast.Presets;

/// <summary>A preset as its grain holds it: named session settings of one owner in one library.</summary>
/// <param name="MaxDurationSeconds">The longest a session made with it may stay live; null for the deployment's maximum.</param>
[GenerateSerializer, Immutable, Alias("Roomcast.PresetSnapshot")]
public sealed record PresetSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid OwnerId,
    [property: Id(2)] Guid LibraryId,
    [property: Id(3)] string Name,
    [property: Id(4)] SessionSettings Settings,
    [property: Id(5)] int? MaxDurationSeconds,
    [property: Id(6)] long ChangeSequence,
    [property: Id(7)] DateTimeOffset CreatedOn,
    [property: Id(8)] DateTimeOffset UpdatedOn) : ILibraryOwned;
