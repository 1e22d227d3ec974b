using Roomcast.Audience;

namespace Roomcast.WebApi.Contracts;

/// <param name="ExpiresAt">When the ban ends by itself; null: until unbanned.</param>
public sealed record BannedParticipantResponse(Guid UserId, string? Reason, Guid BannedBy, DateTimeOffset BannedAt, DateTimeOffset? ExpiresAt)
{
    public static BannedParticipantResponse From(SessionBan ban) => new(ban.UserId, ban.Reason, ban.BannedBy, ban.BannedAt, ban.ExpiresAt);
}
