using Roomcast.Catalog;
using Roomcast.Grains.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests.Catalog;

/// <summary>The dev-mode catalog's reads by host (the quota's count on every create) see exactly that host's newest rows.</summary>
public sealed class InMemorySessionCatalogTests
{
    private readonly InMemorySessionCatalog _catalog = new();

    [Fact]
    public async Task Stats_by_host_count_only_that_hosts_sessions_in_their_newest_state()
    {
        var host = Guid.NewGuid();
        var mine = Snapshots.Session(hostId: host);
        await _catalog.UpsertAsync(mine);
        await _catalog.UpsertAsync(Snapshots.Session(hostId: host, state: SessionState.Live));
        await _catalog.UpsertAsync(Snapshots.Session(hostId: host, deleted: true));
        await _catalog.UpsertAsync(Snapshots.Session());
        await _catalog.UpsertAsync(mine with { State = SessionState.Cancelled, ChangeSequence = 2 });
        await _catalog.UpsertAsync(mine with { ChangeSequence = 1 });

        var stats = await _catalog.GetStatsAsync(host, null);
        Assert.Equal((2, 0, 1, 1), (stats.Total, stats.Scheduled, stats.Live, stats.Cancelled));
        Assert.Equal(3, (await _catalog.GetStatsAsync(null, null)).Total);
    }

    [Fact]
    public async Task A_row_moved_to_another_host_is_listed_under_the_new_host_only()
    {
        var (before, after) = (Guid.NewGuid(), Guid.NewGuid());
        var session = Snapshots.Session(hostId: before);
        await _catalog.UpsertAsync(session);
        await _catalog.UpsertAsync(session with { HostId = after, ChangeSequence = 2 });

        Assert.Equal(0, (await _catalog.GetStatsAsync(before, null)).Total);
        var listed = await _catalog.ListAsync(new SessionQuery { HostId = after }, PageRequest.First());
        Assert.Equal([session.Id], listed.Items.Select(s => s.Id));
    }
}
