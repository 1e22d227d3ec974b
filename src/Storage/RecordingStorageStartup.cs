using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Roomcast.Storage;

/// <summary>Builds the storage when the host starts (the local store creates its root then), and says which one it is.</summary>
internal sealed class RecordingStorageStartup(IRecordingStorage storage, ILogger<RecordingStorageStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var where = storage switch
        {
            LocalRecordingStorage local => local.Root,
            S3RecordingStorage s3 => "bucket " + s3.Bucket,
            _ => storage.GetType().Name,
        };
        logger.LogInformation("Recording storage: {Kind} ({Where})", storage.Kind, where);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
