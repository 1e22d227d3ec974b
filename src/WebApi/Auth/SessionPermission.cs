namespace Roomcast.WebApi.Auth;

/// <summary>What a caller wants to do with a session; each level includes the ones above it.</summary>
public enum SessionPermission
{
    /// <summary>Read it: public sessions, or sessions where the caller holds a role.</summary>
    View,

    /// <summary>Keep order among viewers: moderators, co-hosts and the host.</summary>
    Moderate,

    /// <summary>Run the broadcast (start, end, heartbeat, media state): co-hosts and the host.</summary>
    Run,

    /// <summary>Change what the session is (name, schedule, settings, roles), cancel or delete it: the host.</summary>
    Manage,
}
