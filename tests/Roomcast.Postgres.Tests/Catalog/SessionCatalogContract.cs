using Roomcast.Catalog;
using Roomcast.Grains.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Postgres.Tests.Catalog;

/// <summary>What every <see cref="ISessionCatalog"/> must do; one subclass per implementation.</summary>
public abstract class SessionCatalogContract : IAsyncLifetime
{
    private ISessionCatalog? _catalog;

    protected ISessionCatalog Catalog => _catalog ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<ISessionCatalog> CreateCatalogAsync();

    public async Task InitializeAsync() => _catalog = await CreateCatalogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ContractFact]
    public async Task Upsert_ignores_an_older_or_equal_change_sequence()
    {
        var id = Guid.NewGuid();
        await Catalog.UpsertAsync(Snapshots.Session(id, name: "v2", changeSequence: 2));
        await Catalog.UpsertAsync(Snapshots.Session(id, name: "v1", changeSequence: 1));
        await Catalog.UpsertAsync(Snapshots.Session(id, name: "v2-again", changeSequence: 2));
        Assert.Equal("v2", Assert.Single(await Catalog.GetManyAsync([id])).Name);

        await Catalog.UpsertAsync(Snapshots.Session(id, name: "v3", changeSequence: 3));
        Assert.Equal("v3", Assert.Single(await Catalog.GetManyAsync([id])).Name);
    }

    [ContractFact]
    public async Task Tombstones_are_hidden_and_cannot_be_resurrected_by_older_writes()
    {
        var room = Guid.NewGuid();
        var id = Guid.NewGuid();
        await Catalog.UpsertAsync(Snapshots.Session(id, room, changeSequence: 1));
        await Catalog.UpsertAsync(Snapshots.Session(id, room, changeSequence: 2, deleted: true));
        await Catalog.UpsertAsync(Snapshots.Session(id, room, changeSequence: 1));

        Assert.Empty(await Catalog.GetManyAsync([id]));
        Assert.Empty((await Catalog.ListAsync(new SessionQuery { RoomId = room }, PageRequest.First())).Items);
        Assert.Equal(0, (await Catalog.GetStatsAsync(null, null)).Total);
    }

    [ContractFact]
    public async Task Round_trips_the_full_snapshot()
    {
        var session = Snapshots.Session(name: "Full", durationSeconds: 42, createdOn: Snapshots.Epoch.AddTicks(7));
        await Catalog.UpsertAsync(session);
        var stored = Assert.Single(await Catalog.GetManyAsync([session.Id]));
        Assert.Equal(session with { Sources = stored.Sources, Participants = stored.Participants }, stored);
        Assert.Equal(session.Sources, stored.Sources);
        Assert.Equal(session.Participants, stored.Participants);
    }

    [ContractFact]
    public async Task Filters_by_every_query_member()
    {
        var room = Guid.NewGuid();
        var host = Guid.NewGuid();
        var other = Guid.NewGuid();
        var t = Snapshots.Epoch;
        var a = Snapshots.Session(roomId: room, hostId: host, name: "Alpha Launch", type: SessionType.Broadcast,
            state: SessionState.Live, createdOn: t, scheduledAt: t.AddDays(1));
        var b = Snapshots.Session(roomId: room, hostId: other, name: "beta review", type: SessionType.Meeting,
            state: SessionState.Ended, visibility: Visibility.Private, createdOn: t.AddHours(1), scheduledAt: t.AddDays(2));
        var c = Snapshots.Session(hostId: host, name: "Gamma 100%_done", type: SessionType.Webinar,
            state: SessionState.Scheduled, visibility: Visibility.Private, createdOn: t.AddHours(2), scheduledAt: t.AddDays(3));
        foreach (var s in new[] { a, b, c })
        {
            await Catalog.UpsertAsync(s);
        }

        await AssertIds(new SessionQuery { RoomId = room }, b, a);
        await AssertIds(new SessionQuery { HostId = host }, c, a);
        await AssertIds(new SessionQuery { States = new HashSet<SessionState> { SessionState.Live, SessionState.Ended } }, b, a);
        await AssertIds(new SessionQuery { States = new HashSet<SessionState>() });
        await AssertIds(new SessionQuery { Type = SessionType.Meeting }, b);
        await AssertIds(new SessionQuery { Visibility = Visibility.Private }, c, b);
        await AssertIds(new SessionQuery { Visibility = Visibility.Public, OrMemberId = host }, c, a);
        await AssertIds(new SessionQuery { Visibility = Visibility.Public, OrMemberId = other }, b, a);
        await AssertIds(new SessionQuery { TitleContains = "BETA" }, b);
        await AssertIds(new SessionQuery { TitleContains = "a l" }, a);
        await AssertIds(new SessionQuery { TitleContains = "100%_" }, c);
        await AssertIds(new SessionQuery { TitleContains = "%" }, c);
        await AssertIds(new SessionQuery { TitleContains = "_" }, c);
        await AssertIds(new SessionQuery { CreatedFrom = t.AddHours(1) }, c, b);
        await AssertIds(new SessionQuery { CreatedTo = t.AddHours(1) }, b, a);
        await AssertIds(new SessionQuery { ScheduledFrom = t.AddDays(2), ScheduledTo = t.AddDays(2) }, b);
        await AssertIds(new SessionQuery { RoomId = room, HostId = host, TitleContains = "alpha" }, a);
    }

    [ContractFact]
    public async Task Pages_forward_and_backward_without_duplicates_or_gaps()
    {
        var room = Guid.NewGuid();
        // Groups of five share a creation time, so the id breaks ties on every page boundary.
        var sessions = Enumerable.Range(0, 25)
            .Select(i => Snapshots.Session(roomId: room, createdOn: Snapshots.Epoch.AddMinutes(i / 5)))
            .ToList();
        foreach (var s in sessions)
        {
            await Catalog.UpsertAsync(s);
        }

        await Catalog.UpsertAsync(Snapshots.Session());
        var expected = sessions.OrderBy(s => new CatalogCursor(s.CreatedOn, s.Id)).Select(s => s.Id).ToList();
        var query = new SessionQuery { RoomId = room };

        var first = await Catalog.ListAsync(query, PageRequest.First());
        var second = await Catalog.ListAsync(query, new PageRequest(10, StartAfter: first.NextCursor));
        var third = await Catalog.ListAsync(query, new PageRequest(10, StartAfter: second.NextCursor));
        Assert.Equal(expected, first.Items.Concat(second.Items).Concat(third.Items).Select(s => s.Id));
        Assert.Equal([10, 10, 5], new[] { first.Items.Count, second.Items.Count, third.Items.Count });
        Assert.Null(first.PreviousCursor);
        Assert.NotNull(second.PreviousCursor);
        Assert.Null(third.NextCursor);
        Assert.NotNull(third.PreviousCursor);

        var backTwo = await Catalog.ListAsync(query, new PageRequest(10, EndBefore: third.PreviousCursor));
        Assert.Equal(second.Items.Select(s => s.Id), backTwo.Items.Select(s => s.Id));
        Assert.Equal(second.NextCursor, backTwo.NextCursor);
        Assert.NotNull(backTwo.PreviousCursor);

        var backOne = await Catalog.ListAsync(query, new PageRequest(10, EndBefore: backTwo.PreviousCursor));
        Assert.Equal(first.Items.Select(s => s.Id), backOne.Items.Select(s => s.Id));
        Assert.Null(backOne.PreviousCursor);
        Assert.Equal(first.NextCursor, backOne.NextCursor);

        // A backward page that is not full, right before the fourth row.
        var partial = await Catalog.ListAsync(query, new PageRequest(10, EndBefore: new CatalogCursor(sessions.Single(s => s.Id == expected[3]).CreatedOn, expected[3]).Encode()));
        Assert.Equal(expected.Take(3), partial.Items.Select(s => s.Id));
        Assert.Null(partial.PreviousCursor);
    }

    [ContractFact]
    public async Task Matches_the_in_memory_reference_page_for_page()
    {
        var reference = new InMemorySessionCatalog();
        var host = Guid.NewGuid();
        var random = new Random(7);
        for (var i = 0; i < 30; i++)
        {
            var s = Snapshots.Session(hostId: random.Next(2) == 0 ? host : null,
                createdOn: Snapshots.Epoch.AddTicks(random.Next(0, 4) * 3), deleted: random.Next(6) == 0);
            await Catalog.UpsertAsync(s);
            await reference.UpsertAsync(s);
        }

        var query = new SessionQuery { HostId = host };
        var request = new PageRequest(4);
        while (true)
        {
            var mine = await Catalog.ListAsync(query, request);
            var theirs = await reference.ListAsync(query, request);
            Assert.Equal(theirs.Items.Select(s => s.Id), mine.Items.Select(s => s.Id));
            Assert.Equal(theirs.NextCursor, mine.NextCursor);
            Assert.Equal(theirs.PreviousCursor, mine.PreviousCursor);
            if (mine.NextCursor is null)
            {
                break;
            }

            request = new PageRequest(4, StartAfter: mine.NextCursor);
        }
    }

    [ContractFact]
    public async Task Rejects_a_cursor_it_did_not_issue()
    {
        var error = await Assert.ThrowsAsync<Roomcast.Errors.RoomcastException>(
            () => Catalog.ListAsync(new SessionQuery(), new PageRequest(10, StartAfter: "not-a-cursor")));
        Assert.Contains("start_after", error.Message, StringComparison.Ordinal);
    }

    [ContractFact]
    public async Task GetMany_ignores_unknown_ids_and_keeps_the_requested_order()
    {
        var a = Snapshots.Session();
        var b = Snapshots.Session();
        await Catalog.UpsertAsync(a);
        await Catalog.UpsertAsync(b);
        var found = await Catalog.GetManyAsync([b.Id, Guid.NewGuid(), a.Id, b.Id]);
        Assert.Equal([b.Id, a.Id], found.Select(s => s.Id));
        Assert.Empty(await Catalog.GetManyAsync([]));
    }

    [ContractFact]
    public async Task Stats_count_by_state_for_a_host_or_everyone()
    {
        var host = Guid.NewGuid();
        await Catalog.UpsertAsync(Snapshots.Session(hostId: host, state: SessionState.Scheduled));
        await Catalog.UpsertAsync(Snapshots.Session(hostId: host, state: SessionState.Live));
        await Catalog.UpsertAsync(Snapshots.Session(hostId: host, state: SessionState.Ended, durationSeconds: 100));
        await Catalog.UpsertAsync(Snapshots.Session(hostId: host, state: SessionState.Ended, durationSeconds: 20));
        await Catalog.UpsertAsync(Snapshots.Session(hostId: host, state: SessionState.Cancelled));
        await Catalog.UpsertAsync(Snapshots.Session(hostId: host, state: SessionState.Expired, deleted: true));
        await Catalog.UpsertAsync(Snapshots.Session(state: SessionState.Expired));
        await Catalog.UpsertAsync(Snapshots.Session(state: SessionState.Ended, durationSeconds: 5));

        Assert.Equal(new SessionStats(5, 1, 1, 2, 1, 0, 120), await Catalog.GetStatsAsync(host, null));
        Assert.Equal(new SessionStats(7, 1, 1, 3, 1, 1, 125), await Catalog.GetStatsAsync(null, null));
        Assert.Equal(new SessionStats(0, 0, 0, 0, 0, 0, 0), await Catalog.GetStatsAsync(Guid.NewGuid(), null));
    }

    [ContractFact]
    public async Task Concurrent_upserts_all_land_and_each_sessions_newest_version_wins()
    {
        var room = Guid.NewGuid();
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        var writes = ids.SelectMany(id => new long[] { 3, 1, 2 }.Select(v => Snapshots.Session(id, room, name: $"v{v}", changeSequence: v)))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();

        await Task.WhenAll(writes.Select(s => Task.Run(() => Catalog.UpsertAsync(s))));

        var stored = await Catalog.GetManyAsync(ids);
        Assert.Equal(ids.Count, stored.Count);
        Assert.All(stored, s => Assert.Equal((3, "v3"), (s.ChangeSequence, s.Name)));
    }

    [ContractFact]
    public async Task A_member_filter_finds_the_sessions_a_user_hosts_or_holds_a_role_in()
    {
        var (user, room) = (Guid.NewGuid(), Guid.NewGuid());
        var hosted = Snapshots.Session(roomId: room, hostId: user, visibility: Visibility.Private, createdOn: Snapshots.Epoch.AddMinutes(1));
        var moderated = Snapshots.Session(roomId: room, visibility: Visibility.Private, createdOn: Snapshots.Epoch.AddMinutes(2)) with
        {
            Participants = [new SessionParticipant(user, SessionRole.Moderator, Snapshots.Epoch)],
        };
        var stranger = Snapshots.Session(roomId: room, visibility: Visibility.Private, createdOn: Snapshots.Epoch.AddMinutes(3));
        var open = Snapshots.Session(roomId: room, createdOn: Snapshots.Epoch.AddMinutes(4));
        foreach (var s in new[] { hosted, moderated, stranger, open })
        {
            await Catalog.UpsertAsync(s);
        }

        await AssertIds(new SessionQuery { RoomId = room, Visibility = Visibility.Public, OrMemberId = user }, open, moderated, hosted);

        // Losing the role takes the session out of the user's listing.
        await Catalog.UpsertAsync(moderated with { Participants = [], ChangeSequence = 2 });
        await AssertIds(new SessionQuery { RoomId = room, Visibility = Visibility.Public, OrMemberId = user }, open, hosted);
    }

    [ContractFact]
    public async Task Listings_and_stats_are_confined_to_a_library()
    {
        var (libraryA, libraryB, host) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var a = Snapshots.Session(hostId: host, libraryId: libraryA, createdOn: Snapshots.Epoch.AddMinutes(1));
        var b = Snapshots.Session(hostId: host, libraryId: libraryB, createdOn: Snapshots.Epoch.AddMinutes(2), state: SessionState.Live);
        await Catalog.UpsertAsync(a);
        await Catalog.UpsertAsync(b);

        await AssertIds(new SessionQuery { LibraryId = libraryA }, a);
        await AssertIds(new SessionQuery { LibraryId = libraryB, HostId = host }, b);
        await AssertIds(new SessionQuery { HostId = host }, b, a);
        Assert.Equal(1, (await Catalog.GetStatsAsync(host, libraryB)).Live);
        Assert.Equal(0, (await Catalog.GetStatsAsync(null, libraryA)).Live);
        Assert.Equal(2, (await Catalog.GetStatsAsync(host, null)).Total);
    }

    [ContractFact]
    public async Task Snapshots_round_trip_their_library_and_participants()
    {
        var library = Guid.NewGuid();
        var session = Snapshots.Session(libraryId: library);
        await Catalog.UpsertAsync(session);

        var read = Assert.Single(await Catalog.GetManyAsync([session.Id]));
        Assert.Equal(library, read.LibraryId);
        Assert.Equal(session.Participants, read.Participants);
    }

    private async Task AssertIds(SessionQuery query, params SessionSnapshot[] expected)
    {
        var page = await Catalog.ListAsync(query, new PageRequest(PageRequest.MaxLimit));
        Assert.Equal(expected.Select(s => s.Id), page.Items.Select(s => s.Id));
    }
}
