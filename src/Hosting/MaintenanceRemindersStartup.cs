using Microsoft.Extensions.Logging;
using Roomcast.Maintenance;

namespace Roomcast.Hosting;

/// <summary>
/// Makes sure the deployment's maintenance reminders exist once the silo is active (idempotent): the expiry sweep
/// and the recording storage cleanup.
/// </summary>
internal sealed partial class MaintenanceRemindersStartup(IGrainFactory grains, ILogger<MaintenanceRemindersStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MaintenanceRemindersStartup), ServiceLifecycleStage.Active, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync("expiry sweep", () => grains.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key).StartAsync());
        await EnsureAsync("storage cleanup", () => grains.GetGrain<IStorageJanitorGrain>(IStorageJanitorGrain.Key).EnsureScheduledAsync());
    }

    private async Task EnsureAsync(string job, Func<Task> register)
    {
        try
        {
            await register();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another silo's start registers it too; a silo must not fail to start over it.
            LogNotStarted(e, job);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the {Job} reminder; another silo's start will")]
    private partial void LogNotStarted(Exception exception, string job);
}
