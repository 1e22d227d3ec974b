namespace Roomcast.WebApi.Tests.Stage;

public sealed record HandStatusDto(Guid SessionId, Guid UserId, bool Raised, DateTimeOffset? RaisedAt, bool OnStage);

public sealed record StageParticipantDto(Guid UserId, bool CanPublishAudio, bool CanPublishVideo, bool CanShareScreen, DateTimeOffset AddedAt);

public sealed record StageDto(Guid SessionId, Guid HostId, int MaxStageParticipants, IReadOnlyList<StageParticipantDto> Participants);

public sealed record StageRequestDto(Guid Id, Guid UserId, string? Message, string Status, DateTimeOffset CreatedAt, Guid? DecidedBy, DateTimeOffset? DecidedAt);

public sealed record StageRequestListDto(Guid SessionId, IReadOnlyList<StageRequestDto> Items);

public sealed record StageHandDto(Guid UserId, DateTimeOffset RaisedAt);

public sealed record StageHandListDto(Guid SessionId, IReadOnlyList<StageHandDto> Items);

public sealed record StageLeftDto(Guid SessionId, Guid UserId, bool Removed);

public sealed record HandDecisionDto(Guid SessionId, Guid UserId, bool Approved, StageParticipantDto? Participant);

public sealed record StageTokenDto(
    Guid SessionId, string Token, string LivekitUrl, string RoomName, string Identity, bool CanPublishAudio, bool CanPublishVideo,
    bool CanShareScreen, IReadOnlyList<string> PublishSources, DateTimeOffset ExpiresAt);
