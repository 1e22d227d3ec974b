using System.Collections.Concurrent;
using Roomcast.Reminders;

namespace Roomcast.Grains.Tests.Reminders;

/// <summary>Keeps every notification handed over (repeats included), and refuses on demand.</summary>
public sealed class RecordingReminderNotifier : IReminderNotifier
{
    private readonly ConcurrentQueue<ReminderNotification> _received = new();
    private readonly ConcurrentDictionary<Guid, int> _refusalsLeft = new();

    public IReadOnlyList<ReminderNotification> Received => [.. _received];

    /// <summary>Refuses the next <paramref name="count"/> notifications of the session.</summary>
    public void Refuse(Guid sessionId, int count) => _refusalsLeft[sessionId] = count;

    public Task NotifyAsync(ReminderNotification notification, CancellationToken cancellationToken = default)
    {
        if (_refusalsLeft.TryGetValue(notification.SessionId, out var left) && left > 0)
        {
            _refusalsLeft[notification.SessionId] = left - 1;
            throw new InvalidOperationException("The test notifier refuses this notification.");
        }

        _received.Enqueue(notification);
        return Task.CompletedTask;
    }

    /// <summary>How many times each subscriber was named in the session's notices of this kind.</summary>
    public IReadOnlyDictionary<Guid, int> NoticesPerSubscriber(Guid sessionId, ReminderKind kind) =>
        Received.Where(n => n.SessionId == sessionId && n.Kind == kind)
            .SelectMany(n => n.SubscriberIds)
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());
}
