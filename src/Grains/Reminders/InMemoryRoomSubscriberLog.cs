using System.Collections.Concurrent;
using Roomcast.Reminders;

namespace Roomcast.Grains.Reminders;

/// <summary>The dev-mode subscriber log: one process, lost on restart. Each room's subscribers have a lock of their own.</summary>
public sealed class InMemoryRoomSubscriberLog : IRoomSubscriberLog
{
    private readonly ConcurrentDictionary<Guid, RoomRows> _rooms = new();

    public Task<RoomSubscription> SubscribeAsync(Guid roomId, Guid userId, DateTimeOffset at)
    {
        var room = _rooms.GetOrAdd(roomId, _ => new RoomRows());
        lock (room.Gate)
        {
            if (!room.Rows.TryGetValue(userId, out var subscription))
            {
                subscription = new RoomSubscription(roomId, userId, at);
                room.Rows.Add(userId, subscription);
            }

            return Task.FromResult(subscription);
        }
    }

    public Task<bool> UnsubscribeAsync(Guid roomId, Guid userId)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            return Task.FromResult(false);
        }

        lock (room.Gate)
        {
            return Task.FromResult(room.Rows.Remove(userId));
        }
    }

    public Task<RoomSubscription?> GetAsync(Guid roomId, Guid userId)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            return Task.FromResult<RoomSubscription?>(null);
        }

        lock (room.Gate)
        {
            return Task.FromResult(room.Rows.GetValueOrDefault(userId));
        }
    }

    public Task<IReadOnlyList<Guid>> ListSubscriberIdsAsync(Guid roomId, Guid? after, Guid? through, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            return Task.FromResult<IReadOnlyList<Guid>>([]);
        }

        lock (room.Gate)
        {
            IReadOnlyList<Guid> ids = room.Rows.Keys
                .Where(id => (after is not { } a || SubscriberOrder.Compare(id, a) > 0)
                    && (through is not { } t || SubscriberOrder.Compare(id, t) <= 0))
                .Order(SubscriberOrder.Comparer)
                .Take(limit)
                .ToList();
            return Task.FromResult(ids);
        }
    }

    private sealed class RoomRows
    {
        public Lock Gate { get; } = new();

        public Dictionary<Guid, RoomSubscription> Rows { get; } = [];
    }
}
