namespace Roomcast.WebApi.Tests.Infrastructure;

public sealed record PresetDto(
    Guid Id, Guid OwnerId, Guid LibraryId, string Name, bool ChatEnabled, bool PollsEnabled, bool HandRaiseEnabled, bool RecordingEnabled,
    int MaxStageParticipants, int? MaxViewers, int? MaxDurationSeconds, bool IsDefault, long ChangeSequence,
    DateTimeOffset CreatedOn, DateTimeOffset UpdatedOn);
