namespace Roomcast.Grains.Chat;

/// <summary>
/// A token bucket per sender, in the memory of one session's chat grain: <c>burst</c> messages at once, then
/// <c>refillPerSecond</c>. Losing it with the activation only forgives a few messages. Buckets that have filled up
/// again are forgotten once there are many, so a long session with a large audience does not keep one per person.
/// </summary>
public sealed class SenderRateLimiter(int burst, double refillPerSecond)
{
    private const int ForgetFullBucketsAbove = 1024;

    private readonly Dictionary<Guid, Bucket> _buckets = [];

    /// <summary>Takes one token for <paramref name="senderId"/>; false, with the wait for the next one, when none is left.</summary>
    public bool TryTake(Guid senderId, DateTimeOffset now, out TimeSpan retryAfter)
    {
        var tokens = _buckets.TryGetValue(senderId, out var bucket) ? TokensAt(bucket, now) : burst;
        if (tokens < 1)
        {
            retryAfter = TimeSpan.FromSeconds((1 - tokens) / refillPerSecond);
            _buckets[senderId] = new Bucket(tokens, now);
            return false;
        }

        retryAfter = TimeSpan.Zero;
        _buckets[senderId] = new Bucket(tokens - 1, now);
        if (_buckets.Count > ForgetFullBucketsAbove)
        {
            ForgetFullBuckets(now);
        }

        return true;
    }

    private double TokensAt(Bucket bucket, DateTimeOffset now)
    {
        var elapsed = now > bucket.At ? (now - bucket.At).TotalSeconds : 0;
        return Math.Min(burst, bucket.Tokens + elapsed * refillPerSecond);
    }

    private void ForgetFullBuckets(DateTimeOffset now)
    {
        foreach (var (sender, bucket) in _buckets)
        {
            if (TokensAt(bucket, now) >= burst)
            {
                _buckets.Remove(sender);
            }
        }
    }

    private readonly record struct Bucket(double Tokens, DateTimeOffset At);
}
