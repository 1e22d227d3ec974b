namespace Roomcast.Grains.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from <see cref="FirstDelay"/>, doubling, capped at
/// <see cref="MaxDelay"/>, with up to a quarter of the delay added at random (so receivers that failed together are
/// not retried together); and never after <c>retryFor</c> from the event, when the delivery is dead.
/// </summary>
public sealed class WebhookRetryPolicy(TimeSpan retryFor, Func<double>? random = null)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public TimeSpan RetryFor { get; } = retryFor;

    /// <summary>The delay before attempt number <paramref name="failedAttempts"/> + 1, without jitter.</summary>
    public static TimeSpan BaseDelay(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var exponent = Math.Min(failedAttempts - 1, 20);
        var delay = FirstDelay * Math.Pow(2, exponent);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>When to try again after <paramref name="failedAttempts"/> failures at <paramref name="now"/>, or null when the delivery is dead.</summary>
    public DateTimeOffset? NextAttemptAt(DateTimeOffset occurredAt, int failedAttempts, DateTimeOffset now)
    {
        var deadline = occurredAt + RetryFor;
        if (now >= deadline)
        {
            return null;
        }

        var baseDelay = BaseDelay(failedAttempts);
        var next = now + baseDelay + baseDelay * (0.25 * _random());
        // The last try is at the deadline itself rather than never.
        return next < deadline ? next : deadline;
    }
}
