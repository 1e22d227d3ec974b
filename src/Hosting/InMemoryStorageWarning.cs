using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Roomcast.Hosting;

/// <summary>Says loudly, once at start-up, that nothing this silo holds survives a restart.</summary>
internal sealed partial class InMemoryStorageWarning(ILogger<InMemoryStorageWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogInMemory();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Storage=Dev: grain state, reminders, cluster membership and the catalog are kept IN MEMORY and are lost " +
        "when this process stops. Set Storage=Postgres and ConnectionStrings__Roomcast for durable cluster mode.")]
    private partial void LogInMemory();
}
