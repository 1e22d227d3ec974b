namespace Roomcast.Grains.Expiry;

/// <summary>Deletes, from grain storage, every <see cref="IExpiringState"/> whose expiry is before a given time.</summary>
public interface IExpiredStateSweeper
{
    /// <summary>Deletes what expired before <paramref name="now"/>; returns how many states it deleted.</summary>
    Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
