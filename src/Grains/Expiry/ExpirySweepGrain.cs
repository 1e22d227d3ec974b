using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Maintenance;

namespace Roomcast.Grains.Expiry;

/// <summary>Runs the expired-state sweep on its reminder; the sweep itself belongs to the storage in use.</summary>
public sealed partial class ExpirySweepGrain(
    IExpiredStateSweeper sweeper,
    IOptions<ExpiryOptions> options,
    TimeProvider clock,
    ILogger<ExpirySweepGrain> logger) : Grain, IExpirySweepGrain, IRemindable
{
    public const string ReminderName = "expiry-sweep";

    public Task StartAsync()
    {
        var period = options.Value.SweepPeriod;
        return this.RegisterOrUpdateReminder(ReminderName, period, period);
    }

    public async Task<int> SweepNowAsync()
    {
        var deleted = await sweeper.SweepAsync(clock.GetUtcNow(), CancellationToken.None);
        if (deleted > 0)
        {
            LogSwept(deleted);
        }

        return deleted;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await SweepNowAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry sweep deleted {Count} expired sign-ins and codes from storage")]
    private partial void LogSwept(int count);
}
