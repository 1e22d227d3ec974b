namespace Roomcast.Grains;

/// <summary>
/// Retires an activation that a lookup found empty (anyone can ask for a random id), a moment later rather than
/// at once: deactivating at once would forward the lookups queued behind this one from activation to activation
/// until Orleans rejects them. Lookups that come within the delay share the one activation; then it goes.
/// </summary>
public sealed class EmptyActivationRetirement
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);

    private IGrainTimer? _timer;

    public void Schedule(IGrainBase grain) =>
        _timer ??= grain.RegisterGrainTimer(() =>
        {
            grain.DeactivateOnIdle();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = Delay, Period = Timeout.InfiniteTimeSpan });
}
