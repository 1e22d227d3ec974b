using Roomcast.Libraries;
using Roomcast.Rooms;
using Roomcast.Sessions;

namespace Roomcast.Bench.Driver;

/// <summary>Creates many sessions across many rooms, a bounded number of calls in flight.</summary>
internal static class SessionFactory
{
    public static async Task<Guid[]> CreateAsync(BenchSilo silo, int count, Func<int, DateTimeOffset> scheduledAt, int? parallelism = null)
    {
        // In cluster mode every create waits on PostgreSQL (group-committed) under the cluster's 4 s call timeout:
        // fewer calls in flight make the same rate without queueing a call past it.
        var inFlight = parallelism ?? (silo.Mode.IsPostgres ? 16 : 64);
        var rooms = await silo.CreateRoomsAsync(Math.Max(1, count / 200));
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (i, _) =>
        {
            var room = silo.Grains.GetGrain<IRoomGrain>(rooms[i % rooms.Length]);
            var command = new CreateSessionCommand(Guid.Empty, Guid.Empty, Guid.NewGuid(), $"bench {i}", null,
                SessionType.Broadcast, Visibility.Public, scheduledAt(i), SessionSettings.DefaultsFor(SessionType.Broadcast),
                null, false, "bench", DefaultLibrary.Id);
            ids[i] = (await room.CreateSessionAsync(command)).Id;
        });
        return ids;
    }
}
