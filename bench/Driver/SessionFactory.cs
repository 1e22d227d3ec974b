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
            ids[i] = (await CreateWithRetriesAsync(room, command)).Id;
        });
        return ids;
    }

    /// <summary>
    /// A create that timed out is tried again (twice at most): in postgres mode a stall of the shared box can hold one
    /// past the cluster's 4 s call timeout, and the set-up is not what is measured. A create that did land before the
    /// timeout leaves one extra session behind, which the measures do not count.
    /// </summary>
    private static async Task<SessionSnapshot> CreateWithRetriesAsync(IRoomGrain room, CreateSessionCommand command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await room.CreateSessionAsync(command);
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }
}
