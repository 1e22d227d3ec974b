namespace Roomcast.Grains.Identity;

/// <summary>
/// The service key of the <see cref="TimeProvider"/> that token and code deadlines read. It is the system clock
/// unless replaced; a test replaces it with a fake clock to expire codes and refresh tokens without waiting,
/// while Orleans' own timers keep the unkeyed, real clock.
/// </summary>
public static class IdentityClock
{
    public const string Key = "identity";
}
