using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Roomcast.Centrifugo;

/// <summary>
/// Drains <see cref="CentrifugoSessionEventQueue"/> into Centrifugo, one publish at a time, each bounded by the
/// client's timeout and none retried (a retry after a timeout could publish twice). Failures are logged as warnings at
/// most once per <see cref="WarningInterval"/>, with how many were not logged since, so a Centrifugo that is down
/// fills no disk.
/// </summary>
public sealed partial class CentrifugoPublishingService(
    CentrifugoSessionEventQueue queue,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<CentrifugoPublishingService> logger) : BackgroundService
{
    public static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(30);

    private DateTimeOffset _nextWarning = DateTimeOffset.MinValue;
    private long _unreported;
    private long _droppedReported;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (queue.Reader is not { } reader)
        {
            return;
        }

        try
        {
            await foreach (var publication in reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    // The typed client is resolved per publish, so its handler is rotated as the factory intends.
                    var publisher = services.GetRequiredService<ICentrifugoPublisher>();
                    await publisher.PublishAsync(publication.Channel, publication.Payload(), stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    ReportFailure(publication, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    private void ReportFailure(CentrifugoPublication publication, Exception e)
    {
        var now = clock.GetUtcNow();
        if (now < _nextWarning)
        {
            _unreported++;
            return;
        }

        var dropped = queue.Dropped;
        LogPublishFailed(logger, e, publication.Event.Type, publication.Channel, _unreported, dropped - _droppedReported, e.Message);
        _droppedReported = dropped;
        _unreported = 0;
        _nextWarning = now + WarningInterval;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Centrifugo: the {EventType} event of channel {Channel} was not published ({Reason}); {Unreported} more failed since the last warning, {Dropped} dropped for a full queue")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string eventType, string channel,
        long unreported, long dropped, string reason);
}
