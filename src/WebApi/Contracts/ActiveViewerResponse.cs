using Roomcast.Audience;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

/// <summary>A person present in the session now.</summary>
public sealed record ActiveViewerResponse(
    Guid UserId,
    string DisplayName,
    [property: EnumValues<AttendeeRole>] string Role,
    DateTimeOffset JoinedAt,
    DateTimeOffset LastSeenAt)
{
    public static ActiveViewerResponse From(ActiveViewer viewer) =>
        new(viewer.UserId, viewer.DisplayName, ApiEnum.Name(viewer.Role), viewer.JoinedAt, viewer.LastSeenAt);
}
