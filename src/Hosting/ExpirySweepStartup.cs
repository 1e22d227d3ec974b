using Microsoft.Extensions.Logging;
using Roomcast.Maintenance;

namespace Roomcast.Hosting;

/// <summary>Makes sure the deployment's one expiry-sweep reminder exists once the silo is active (idempotent).</summary>
internal sealed partial class ExpirySweepStartup(IGrainFactory grains, ILogger<ExpirySweepStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ExpirySweepStartup), ServiceLifecycleStage.Active, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IExpirySweepGrain>(IExpirySweepGrain.Key).StartAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another silo's start registers it too; a silo must not fail to start over it.
            LogNotStarted(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the expiry sweep's reminder; another silo's start will")]
    private partial void LogNotStarted(Exception exception);
}
