using Roomcast.Libraries;
using Roomcast.Rooms;
using Roomcast.Sessions;

namespace Roomcast.Bench.Driver;

/// <summary>Creates many sessions across many rooms, a bounded number of calls in flight.</summary>
internal static class SessionFactory
{
    public static async Task<Guid[]> CreateAsync(BenchSilo silo, int count, Func<int, DateTimeOffset> scheduledAt, int parallelism = 64)
    {
        var rooms = await silo.CreateRoomsAsync(Math.Max(1, count / 200));
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
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
