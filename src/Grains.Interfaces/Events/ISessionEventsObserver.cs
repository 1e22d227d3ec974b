using Orleans.Concurrency;

namespace Roomcast.Events;

/// <summary>An API node's receiver of one session's events; it fans them out to that node's SSE clients.</summary>
[Alias("Roomcast.ISessionEventsObserver")]
public interface ISessionEventsObserver : IGrainObserver
{
    [OneWay, Alias("OnEvent")]
    Task OnEventAsync(SessionEvent sessionEvent);
}
