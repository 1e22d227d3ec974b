namespace Roomcast.Audience;

/// <summary>What a LiveKit token lets its holder do in the session's room.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.AudienceRights")]
public sealed record AudienceRights(
    [property: Id(0)] bool CanPublish,
    [property: Id(1)] bool CanSubscribe,
    [property: Id(2)] bool CanPublishData,
    [property: Id(3)] bool Hidden)
{
    /// <summary>Host and co-hosts broadcast; moderators and admins may send data (chat, moderation signals); viewers only watch.</summary>
    public static AudienceRights Of(AttendeeRole role) => role switch
    {
        AttendeeRole.Host or AttendeeRole.CoHost => new(CanPublish: true, CanSubscribe: true, CanPublishData: true, Hidden: false),
        AttendeeRole.Moderator or AttendeeRole.Admin => new(CanPublish: false, CanSubscribe: true, CanPublishData: true, Hidden: false),
        _ => new(CanPublish: false, CanSubscribe: true, CanPublishData: false, Hidden: false),
    };

    /// <summary>A monitor watches unseen and says nothing.</summary>
    public static readonly AudienceRights Monitor = new(CanPublish: false, CanSubscribe: true, CanPublishData: false, Hidden: true);
}
