using Roomcast.Audience;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>What a client needs to connect to the session's LiveKit room.</summary>
/// <param name="Token">A LiveKit access token (JWT) for <paramref name="RoomName"/>; valid until <paramref name="ExpiresAt"/>, and only for connecting.</param>
/// <param name="Rejoined">The caller was present already: their attendance goes on, this is a fresh token.</param>
public sealed record JoinSessionResponse(
    Guid SessionId,
    string Token,
    string LivekitUrl,
    string RoomName,
    string Identity,
    [property: EnumValues<AttendeeRole>] string Role,
    ParticipantRightsResponse Permissions,
    DateTimeOffset ExpiresAt,
    bool Rejoined)
{
    public static JoinSessionResponse From(Guid sessionId, AudienceAdmission admission) => new(
        sessionId, admission.Token, admission.Url, admission.Room, admission.Identity, ApiEnum.Name(admission.Role),
        ParticipantRightsResponse.From(admission.Rights), admission.ExpiresAt, admission.Rejoined);
}
