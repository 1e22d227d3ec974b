using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Grains.Catalog;

namespace Roomcast.Grains.Tests.Audience;

/// <summary>
/// What every <see cref="IAttendanceLog"/> must do; one subclass per implementation. This file is also compiled
/// into Roomcast.Postgres.Tests, where <see cref="AttendanceFactAttribute"/> skips the facts without PostgreSQL.
/// </summary>
public abstract class AttendanceLogContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private IAttendanceLog? _log;

    protected IAttendanceLog Log => _log ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<IAttendanceLog> CreateLogAsync();

    public async Task InitializeAsync() => _log = await CreateLogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [AttendanceFact]
    public async Task A_first_open_creates_an_open_record_with_one_visit()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Log.OpenAsync(new AttendanceVisit(session, user, "Ada", AttendeeRole.Viewer, T0));

        var record = await SingleAsync(session);
        Assert.Equal(new AttendanceRecord(session, user, "Ada", AttendeeRole.Viewer, T0, T0, T0, null, 0, 1), record);
    }

    [AttendanceFact]
    public async Task Opening_an_open_record_again_refreshes_only_last_seen_name_and_role()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Log.OpenAsync(new AttendanceVisit(session, user, "Ada", AttendeeRole.Viewer, T0));
        await Log.OpenAsync(new AttendanceVisit(session, user, "Ada L.", AttendeeRole.Moderator, T0.AddSeconds(5)));

        var record = await SingleAsync(session);
        Assert.Equal(new AttendanceRecord(session, user, "Ada L.", AttendeeRole.Moderator, T0, T0.AddSeconds(5), T0, null, 0, 1), record);
    }

    [AttendanceFact]
    public async Task Closing_adds_the_watch_time_exactly_and_clears_open_since()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Log.OpenAsync(new AttendanceVisit(session, user, "Ada", AttendeeRole.Viewer, T0));
        await Log.CloseAsync(session, [new AttendanceDeparture(user, T0.AddMilliseconds(90_517))]);

        var record = await SingleAsync(session);
        Assert.Equal(90_517, record.WatchedMilliseconds);
        Assert.Null(record.OpenSince);
        Assert.Equal(T0.AddMilliseconds(90_517), record.LastLeftAt);
        Assert.Equal(T0.AddMilliseconds(90_517), record.LastSeenAt);
        Assert.Equal(1, record.Visits);
    }

    [AttendanceFact]
    public async Task Closing_twice_adds_the_time_once()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Log.OpenAsync(new AttendanceVisit(session, user, "Ada", AttendeeRole.Viewer, T0));
        await Log.CloseAsync(session, [new AttendanceDeparture(user, T0.AddSeconds(10))]);
        await Log.CloseAsync(session, [new AttendanceDeparture(user, T0.AddSeconds(20))]);

        var record = await SingleAsync(session);
        Assert.Equal(10_000, record.WatchedMilliseconds);
        Assert.Equal(T0.AddSeconds(10), record.LastLeftAt);
    }

    [AttendanceFact]
    public async Task Reopening_after_a_close_counts_a_second_visit_and_keeps_the_first_join()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Log.OpenAsync(new AttendanceVisit(session, user, "Ada", AttendeeRole.Viewer, T0));
        await Log.CloseAsync(session, [new AttendanceDeparture(user, T0.AddSeconds(10))]);
        await Log.OpenAsync(new AttendanceVisit(session, user, "Ada", AttendeeRole.Viewer, T0.AddSeconds(60)));

        var reopened = await SingleAsync(session);
        Assert.Equal(2, reopened.Visits);
        Assert.Equal(T0, reopened.FirstJoinedAt);
        Assert.Equal(T0.AddSeconds(60), reopened.OpenSince);
        Assert.Equal(T0.AddSeconds(10), reopened.LastLeftAt);

        await Log.CloseAsync(session, [new AttendanceDeparture(user, T0.AddSeconds(75))]);
        Assert.Equal(25_000, (await SingleAsync(session)).WatchedMilliseconds);
    }

    [AttendanceFact]
    public async Task A_departure_before_open_since_adds_nothing_but_closes()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Log.OpenAsync(new AttendanceVisit(session, user, "Ada", AttendeeRole.Viewer, T0.AddSeconds(10)));
        await Log.CloseAsync(session, [new AttendanceDeparture(user, T0)]);

        var record = await SingleAsync(session);
        Assert.Equal(0, record.WatchedMilliseconds);
        Assert.Null(record.OpenSince);
        Assert.Equal(T0.AddSeconds(10), record.LastSeenAt);
    }

    [AttendanceFact]
    public async Task Closing_unknown_or_closed_records_in_a_batch_touches_only_the_open_ones()
    {
        var session = Guid.NewGuid();
        var open = Guid.NewGuid();
        var closed = Guid.NewGuid();
        await Log.OpenAsync(new AttendanceVisit(session, open, "Open", AttendeeRole.Viewer, T0));
        await Log.OpenAsync(new AttendanceVisit(session, closed, "Closed", AttendeeRole.Viewer, T0));
        await Log.CloseAsync(session, [new AttendanceDeparture(closed, T0.AddSeconds(1))]);

        await Log.CloseAsync(session, [
            new AttendanceDeparture(open, T0.AddSeconds(3)),
            new AttendanceDeparture(closed, T0.AddSeconds(3)),
            new AttendanceDeparture(Guid.NewGuid(), T0.AddSeconds(3)),
        ]);
        await Log.CloseAsync(session, []);

        var byUser = (await AllAsync(session)).ToDictionary(r => r.UserId);
        Assert.Equal(2, byUser.Count);
        Assert.Equal(3_000, byUser[open].WatchedMilliseconds);
        Assert.Equal(1_000, byUser[closed].WatchedMilliseconds);
    }

    [AttendanceFact]
    public async Task Totals_count_viewers_only_and_sum_their_closed_watch_time()
    {
        var session = Guid.NewGuid();
        var (closedViewer, openViewer, host, moderator) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Log.OpenAsync(new AttendanceVisit(session, closedViewer, "V1", AttendeeRole.Viewer, T0));
        await Log.OpenAsync(new AttendanceVisit(session, openViewer, "V2", AttendeeRole.Viewer, T0));
        await Log.OpenAsync(new AttendanceVisit(session, host, "H", AttendeeRole.Host, T0));
        await Log.OpenAsync(new AttendanceVisit(session, moderator, "M", AttendeeRole.Moderator, T0));
        await Log.CloseAsync(session, [
            new AttendanceDeparture(closedViewer, T0.AddSeconds(10)),
            new AttendanceDeparture(host, T0.AddSeconds(100)),
            new AttendanceDeparture(moderator, T0.AddSeconds(50)),
        ]);

        Assert.Equal(new AttendanceTotals(2, 10_000), await Log.GetTotalsAsync(session));
        Assert.Equal(new AttendanceTotals(0, 0), await Log.GetTotalsAsync(Guid.NewGuid()));
    }

    [AttendanceFact]
    public async Task Listing_the_open_records_leaves_out_the_closed_ones()
    {
        var session = Guid.NewGuid();
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var user in new[] { a, b, c })
        {
            await Log.OpenAsync(new AttendanceVisit(session, user, "x", AttendeeRole.Viewer, T0));
        }

        await Log.CloseAsync(session, [new AttendanceDeparture(b, T0.AddSeconds(1))]);

        var open = await Log.ListOpenAsync(session);
        Assert.Equal(new[] { a, c }.Order(), open.Select(r => r.UserId).Order());
        Assert.All(open, r => Assert.Equal(T0, r.OpenSince));
    }

    [AttendanceFact]
    public async Task Pages_walk_newest_first_both_ways_without_gaps_or_repeats()
    {
        var session = Guid.NewGuid();
        // Pairs share a join time, so the user id has to break the tie as the cursor does.
        var records = Enumerable.Range(0, 25)
            .Select(i => new AttendanceVisit(session, Guid.NewGuid(), $"u{i}", AttendeeRole.Viewer, T0.AddSeconds(i / 2)))
            .ToList();
        foreach (var visit in records)
        {
            await Log.OpenAsync(visit);
        }

        var expected = records.OrderBy(v => new CatalogCursor(v.At, v.UserId)).Select(v => v.UserId).ToList();

        var forward = new List<Page<AttendanceRecord>> { await Log.ListAsync(session, PageRequest.First(10)) };
        while (forward[^1].NextCursor is { } next)
        {
            forward.Add(await Log.ListAsync(session, new PageRequest(10, StartAfter: next)));
        }

        Assert.Equal([10, 10, 5], forward.Select(p => p.Items.Count));
        Assert.Null(forward[0].PreviousCursor);
        Assert.Equal(expected, forward.SelectMany(p => p.Items).Select(r => r.UserId));

        var backward = new List<Page<AttendanceRecord>>();
        for (var before = forward[^1].PreviousCursor; before is not null; before = backward[^1].PreviousCursor)
        {
            backward.Add(await Log.ListAsync(session, new PageRequest(10, EndBefore: before)));
        }

        Assert.Equal(2, backward.Count);
        Assert.Equal(expected.Take(20), backward.AsEnumerable().Reverse().SelectMany(p => p.Items).Select(r => r.UserId));
        Assert.Equal(forward[1].NextCursor, backward[0].NextCursor);
    }

    [AttendanceFact]
    public async Task A_first_join_keeps_its_exact_time_so_cursors_match_the_catalogs()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        var joined = T0.AddTicks(7);
        await Log.OpenAsync(new AttendanceVisit(session, user, "Ada", AttendeeRole.Viewer, joined));
        await Log.OpenAsync(new AttendanceVisit(session, Guid.NewGuid(), "Bo", AttendeeRole.Viewer, T0));

        var page = await Log.ListAsync(session, PageRequest.First(1));
        Assert.Equal(joined, Assert.Single(page.Items).FirstJoinedAt);
        Assert.Equal(new CatalogCursor(joined, user).Encode(), page.NextCursor);
    }

    [AttendanceFact]
    public async Task Reading_all_streams_every_record_oldest_first()
    {
        var session = Guid.NewGuid();
        var visits = Enumerable.Range(0, 2_500)
            .Select(i => new AttendanceVisit(session, Guid.NewGuid(), $"u{i}", AttendeeRole.Viewer, T0.AddMilliseconds(i / 3)))
            .ToList();
        await Parallel.ForEachAsync(visits, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (visit, _) => await Log.OpenAsync(visit));

        var expected = visits.OrderByDescending(v => new CatalogCursor(v.At, v.UserId)).Select(v => v.UserId);
        Assert.Equal(expected, (await AllAsync(session)).Select(r => r.UserId));
    }

    [AttendanceFact]
    public async Task Reading_all_stops_when_cancelled()
    {
        var session = Guid.NewGuid();
        for (var i = 0; i < 20; i++)
        {
            await Log.OpenAsync(new AttendanceVisit(session, Guid.NewGuid(), $"u{i}", AttendeeRole.Viewer, T0.AddSeconds(i)));
        }

        using var cancellation = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Log.ReadAllAsync(session, cancellation.Token))
            {
                if (++read == 5)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.Equal(5, read);
    }

    [AttendanceFact]
    public async Task Sessions_are_isolated()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var user = Guid.NewGuid();
        await Log.OpenAsync(new AttendanceVisit(first, user, "Ada", AttendeeRole.Viewer, T0));
        await Log.OpenAsync(new AttendanceVisit(second, user, "Ada", AttendeeRole.Host, T0));
        await Log.CloseAsync(first, [new AttendanceDeparture(user, T0.AddSeconds(4))]);

        Assert.Equal(4_000, (await SingleAsync(first)).WatchedMilliseconds);
        var other = await SingleAsync(second);
        Assert.Equal(T0, other.OpenSince);
        Assert.Equal(AttendeeRole.Host, other.Role);
        Assert.Empty(await Log.ListOpenAsync(first));
        Assert.Single(await Log.ListOpenAsync(second));
        Assert.Equal(new AttendanceTotals(1, 4_000), await Log.GetTotalsAsync(first));
        Assert.Equal(new AttendanceTotals(0, 0), await Log.GetTotalsAsync(second));
        Assert.Empty((await Log.ListAsync(Guid.NewGuid(), PageRequest.First())).Items);
    }

    [AttendanceFact]
    public async Task Concurrent_opens_of_distinct_users_all_land()
    {
        var session = Guid.NewGuid();
        var users = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(users.Select(u => Task.Run(() => Log.OpenAsync(new AttendanceVisit(session, u, "x", AttendeeRole.Viewer, T0)))));

        var all = await AllAsync(session);
        Assert.Equal(users.Order(), all.Select(r => r.UserId).Order());
        Assert.All(all, r => Assert.Equal(1, r.Visits));
    }

    [AttendanceFact]
    public async Task Concurrent_opens_of_one_user_make_one_record_with_one_visit()
    {
        var session = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => Log.OpenAsync(new AttendanceVisit(session, user, "Ada", AttendeeRole.Viewer, T0.AddMilliseconds(i))))));

        var record = await SingleAsync(session);
        Assert.Equal(1, record.Visits);
        Assert.Equal(T0.AddMilliseconds(99), record.LastSeenAt);
        Assert.Equal(record.FirstJoinedAt, record.OpenSince);
    }

    private async Task<List<AttendanceRecord>> AllAsync(Guid session)
    {
        var records = new List<AttendanceRecord>();
        await foreach (var record in Log.ReadAllAsync(session))
        {
            records.Add(record);
        }

        return records;
    }

    private async Task<AttendanceRecord> SingleAsync(Guid session) => Assert.Single(await AllAsync(session));
}
