using Microsoft.Extensions.Logging;

namespace Roomcast.LiveKit;

/// <summary>
/// Says once per host that the generated dev key is in use: the options are built more than once (IOptions,
/// IOptionsMonitor, the start-up validation), and one warning is enough.
/// </summary>
internal sealed class LiveKitDevKeyNotice(ILoggerFactory? loggers = null)
{
    private int _said;

    public void Say(string apiKey)
    {
        if (Interlocked.Exchange(ref _said, 1) == 0)
        {
            loggers?.CreateLogger("Roomcast.LiveKit").LogWarning(
                "LiveKit runs with a generated development key ({ApiKey}): its tokens will not be accepted by a real LiveKit " +
                "server unless LiveKit:ApiKey and LiveKit:ApiSecret are set.", apiKey);
        }
    }
}
