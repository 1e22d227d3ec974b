using Roomcast.Audience;

namespace Roomcast.WebApi.Contracts;

/// <summary>What a LiveKit token lets its holder do: the grant's <c>canPublish</c>, <c>canSubscribe</c>, <c>canPublishData</c>, <c>hidden</c>.</summary>
public sealed record ParticipantRightsResponse(bool CanPublish, bool CanSubscribe, bool CanPublishData, bool Hidden)
{
    public static ParticipantRightsResponse From(AudienceRights rights) =>
        new(rights.CanPublish, rights.CanSubscribe, rights.CanPublishData, rights.Hidden);
}
