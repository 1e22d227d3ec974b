using System.Diagnostics;
using Xunit.Sdk;

namespace Roomcast.Grains.Tests.Infrastructure;

/// <summary>Polls for an outcome that arrives asynchronously (a timer, a reminder, a one-way call) with a bounded wait.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="until"/> holds, and returns that value; fails after <paramref name="timeout"/>.</summary>
    public static async Task<T> Of<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (until(value))
            {
                return value;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new XunitException($"Timed out after {timeout.TotalMilliseconds:0} ms waiting for {what}; last value: {value}");
            }

            await Task.Delay(DefaultPollInterval);
        }
    }
}
