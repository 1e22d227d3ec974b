using Roomcast.Audience;

namespace Roomcast.Grains.Audience;

/// <summary>A person present in a session, as its audience grain tracks them between rows.</summary>
internal sealed record Presence(string DisplayName, AttendeeRole Role, DateTimeOffset JoinedAt, DateTimeOffset LastSeenAt);
