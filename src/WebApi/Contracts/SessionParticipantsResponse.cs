using Roomcast.Sessions;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>Who holds a part in a session besides its viewers.</summary>
public sealed record SessionParticipantsResponse(Guid SessionId, Guid HostId, IReadOnlyList<SessionParticipantResponse> Participants, long ChangeSequence)
{
    public static SessionParticipantsResponse From(SessionSnapshot session) => new(
        session.Id,
        session.HostId,
        session.Participants.Select(p => new SessionParticipantResponse(p.UserId, ApiEnum.Name(p.Role), p.AddedOn)).ToList(),
        session.ChangeSequence);
}

public sealed record SessionParticipantResponse(Guid UserId, [property: EnumValues<SessionRole>] string Role, DateTimeOffset AddedOn);
