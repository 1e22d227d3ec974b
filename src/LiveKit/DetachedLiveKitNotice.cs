using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Roomcast.LiveKit;

/// <summary>Says once, at start, that dev mode runs without a LiveKit server.</summary>
internal sealed partial class DetachedLiveKitNotice(ILogger<DetachedLiveKitNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDetached();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Dev mode without a LiveKit server (LiveKit:Url is not set): joins get tokens signed with the generated dev key, room operations (removing a banned participant) are skipped, and egress (HLS, recordings) is never started: starts answer a made-up egress that stays starting")]
    private partial void LogDetached();
}
