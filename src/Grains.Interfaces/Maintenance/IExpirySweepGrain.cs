namespace Roomcast.Maintenance;

/// <summary>
/// The one grain (key <see cref="Key"/>) whose durable reminder sweeps expired sign-ins and one-time codes out of
/// grain storage: one reminder for the whole deployment instead of one per sign-in.
/// </summary>
[Alias("Roomcast.IExpirySweepGrain")]
public interface IExpirySweepGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Makes sure the sweep's reminder is registered; every silo calls it at start.</summary>
    [Alias("Start")]
    Task StartAsync();

    /// <summary>Sweeps now; returns how many expired states were deleted.</summary>
    [Alias("SweepNow")]
    Task<int> SweepNowAsync();
}
