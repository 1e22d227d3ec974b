using Microsoft.Extensions.Time.Testing;

namespace Roomcast.Grains.Tests.Infrastructure;

public static class FakeClockExtensions
{
    /// <summary>
    /// Moves the fake clock forward to <paramref name="instant"/> in steps no longer than <paramref name="step"/>
    /// (default 10 s), yielding between them so that the timers and reminders each step fires get to run.
    /// </summary>
    public static async Task AdvanceToAsync(this FakeTimeProvider clock, DateTimeOffset instant, TimeSpan? step = null)
    {
        var maxStep = step ?? TimeSpan.FromSeconds(10);
        while (clock.GetUtcNow() < instant)
        {
            var remaining = instant - clock.GetUtcNow();
            clock.Advance(remaining < maxStep ? remaining : maxStep);
            await Task.Delay(1);
        }
    }
}
