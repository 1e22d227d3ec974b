namespace Roomcast.Grains.Expiry;

/// <summary>
/// A grain state that is worthless after a moment it carries (a sign-in, a one-time code). Storage notes that
/// moment with every write, and the expiry sweep deletes the state once it has passed: no reminder per grain.
/// </summary>
public interface IExpiringState
{
    DateTimeOffset? ExpiresAt { get; }
}
