namespace Roomcast.Reminders;

/// <summary>The notices a room's subscribers get about one session, each at most once.</summary>
[GenerateSerializer, Alias("Roomcast.ReminderKind")]
public enum ReminderKind
{
    /// <summary>The session was scheduled.</summary>
    Scheduled = 0,

    /// <summary><c>Reminders:Lead</c> before the session's start.</summary>
    Due = 1,

    /// <summary>The session went live.</summary>
    Live = 2,
}
