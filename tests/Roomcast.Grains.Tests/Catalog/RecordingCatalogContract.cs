using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Catalog;
using Roomcast.Recordings;

namespace Roomcast.Grains.Tests.Catalog;

/// <summary>
/// What every <see cref="IRecordingCatalog"/> must do; one subclass per implementation. This file is also compiled
/// into Roomcast.Postgres.Tests, where <see cref="RecordingCatalogFactAttribute"/> skips the facts without PostgreSQL.
/// </summary>
public abstract class RecordingCatalogContract : IAsyncLifetime
{
    /// <summary>
    /// How many rows the read-everything case writes: more than one batch of an implementation that reads in batches
    /// (its subclass makes its batches smaller than this).
    /// </summary>
    protected const int ReadAllRowCount = 25;

    private static readonly DateTimeOffset T0 = TestRecordings.Epoch;

    private IRecordingCatalog? _catalog;

    protected IRecordingCatalog Catalog => _catalog ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<IRecordingCatalog> CreateCatalogAsync();

    public async Task InitializeAsync() => _catalog = await CreateCatalogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [RecordingCatalogFact]
    public async Task Lists_by_owner_session_status_and_library_newest_first()
    {
        var (library, otherLibrary, owner, otherOwner, session) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var a = TestRecordings.New(sessionId: session, ownerId: owner, libraryId: library, status: RecordingStatus.Ready, createdOn: T0);
        var b = TestRecordings.New(sessionId: session, ownerId: owner, libraryId: library, status: RecordingStatus.Failed, createdOn: T0.AddMinutes(1));
        var c = TestRecordings.New(ownerId: otherOwner, libraryId: library, status: RecordingStatus.Ready, createdOn: T0.AddMinutes(2));
        var d = TestRecordings.New(ownerId: owner, libraryId: otherLibrary, status: RecordingStatus.Ready, createdOn: T0.AddMinutes(3));
        foreach (var r in new[] { a, b, c, d })
        {
            await Catalog.UpsertAsync(r);
        }

        await AssertIds(new RecordingQuery { LibraryId = library }, c, b, a);
        await AssertIds(new RecordingQuery { OwnerId = owner }, d, b, a);
        await AssertIds(new RecordingQuery { LibraryId = library, OwnerId = owner }, b, a);
        await AssertIds(new RecordingQuery { SessionId = session }, b, a);
        await AssertIds(new RecordingQuery { LibraryId = library, Status = RecordingStatus.Ready }, c, a);
        await AssertIds(new RecordingQuery { OwnerId = owner, Status = RecordingStatus.Ready }, d, a);
        await AssertIds(new RecordingQuery { SessionId = session, Status = RecordingStatus.Processing });
        await AssertIds(new RecordingQuery { OwnerId = Guid.NewGuid() });
    }

    [RecordingCatalogFact]
    public async Task Rows_created_at_the_same_time_are_ordered_by_id_descending()
    {
        var session = Guid.NewGuid();
        var rows = Enumerable.Range(0, 6).Select(_ => TestRecordings.New(sessionId: session, createdOn: T0)).ToList();
        foreach (var r in rows)
        {
            await Catalog.UpsertAsync(r);
        }

        var page = await Catalog.ListAsync(new RecordingQuery { SessionId = session }, PageRequest.First());
        Assert.Equal(rows.Select(r => r.Id).OrderDescending(), page.Items.Select(r => r.Id));
    }

    [RecordingCatalogFact]
    public async Task Round_trips_the_full_snapshot()
    {
        var recording = TestRecordings.New(status: RecordingStatus.Ready, createdOn: T0.AddTicks(7)) with
        {
            Description = "the launch, recorded",
            EgressId = "EG_abc123",
            SizeBytes = 123_456_789_012,
            DurationSeconds = 3601.25,
            EndedAt = T0.AddHours(1),
            ReadyAt = T0.AddHours(1).AddMinutes(2),
            Error = "none",
            UpdatedOn = T0.AddHours(2),
        };
        await Catalog.UpsertAsync(recording);

        var page = await Catalog.ListAsync(new RecordingQuery { SessionId = recording.SessionId }, PageRequest.First());
        Assert.Equal(recording, Assert.Single(page.Items));
    }

    [RecordingCatalogFact]
    public async Task Pages_forward_and_backward_without_gaps_or_repeats()
    {
        var owner = Guid.NewGuid();
        // Groups of four share a creation time, so the id breaks ties on page boundaries.
        var rows = Enumerable.Range(0, 23)
            .Select(i => TestRecordings.New(ownerId: owner, createdOn: T0.AddMinutes(i / 4)))
            .ToList();
        foreach (var r in rows)
        {
            await Catalog.UpsertAsync(r);
        }

        await Catalog.UpsertAsync(TestRecordings.New());
        var expected = rows.OrderBy(r => new CatalogCursor(r.CreatedOn, r.Id)).Select(r => r.Id).ToList();
        var query = new RecordingQuery { OwnerId = owner };

        var first = await Catalog.ListAsync(query, PageRequest.First(10));
        var second = await Catalog.ListAsync(query, new PageRequest(10, StartAfter: first.NextCursor));
        var third = await Catalog.ListAsync(query, new PageRequest(10, StartAfter: second.NextCursor));
        Assert.Equal([10, 10, 3], new[] { first.Items.Count, second.Items.Count, third.Items.Count });
        Assert.Equal(expected, first.Items.Concat(second.Items).Concat(third.Items).Select(r => r.Id));
        Assert.Null(first.PreviousCursor);
        Assert.NotNull(first.NextCursor);
        Assert.Null(third.NextCursor);

        var backToSecond = await Catalog.ListAsync(query, new PageRequest(10, EndBefore: third.PreviousCursor));
        Assert.Equal(second.Items.Select(r => r.Id), backToSecond.Items.Select(r => r.Id));
        Assert.Equal(second.NextCursor, backToSecond.NextCursor);

        var backToFirst = await Catalog.ListAsync(query, new PageRequest(10, EndBefore: backToSecond.PreviousCursor));
        Assert.Equal(first.Items.Select(r => r.Id), backToFirst.Items.Select(r => r.Id));
        Assert.Null(backToFirst.PreviousCursor);
        Assert.Equal(first.NextCursor, backToFirst.NextCursor);
    }

    [RecordingCatalogFact]
    public async Task An_older_or_equal_change_sequence_does_not_overwrite()
    {
        var session = Guid.NewGuid();
        var id = Guid.NewGuid();
        await Catalog.UpsertAsync(TestRecordings.New(id, session, title: "v2", changeSequence: 2));
        await Catalog.UpsertAsync(TestRecordings.New(id, session, title: "v1", changeSequence: 1));
        await Catalog.UpsertAsync(TestRecordings.New(id, session, title: "v2-again", changeSequence: 2));
        Assert.Equal("v2", await SingleTitleAsync(session));

        await Catalog.UpsertAsync(TestRecordings.New(id, session, title: "v3", status: RecordingStatus.Ready, changeSequence: 3));
        Assert.Equal("v3", await SingleTitleAsync(session));
        await AssertIds(new RecordingQuery { SessionId = session, Status = RecordingStatus.Recording });
    }

    [RecordingCatalogFact]
    public async Task Deleted_rows_are_not_listed_but_are_read_and_an_older_write_cannot_resurrect_them()
    {
        var session = Guid.NewGuid();
        var kept = TestRecordings.New(sessionId: session);
        var deleted = TestRecordings.New(sessionId: session, createdOn: T0.AddMinutes(1));
        await Catalog.UpsertAsync(kept);
        await Catalog.UpsertAsync(deleted);
        await Catalog.UpsertAsync(deleted with { Deleted = true, ChangeSequence = 2 });
        await Catalog.UpsertAsync(deleted);

        await AssertIds(new RecordingQuery { SessionId = session }, kept);
        await AssertIds(new RecordingQuery { LibraryId = deleted.LibraryId, OwnerId = deleted.OwnerId });
        var all = await ReadAllAsync();
        Assert.Equal(deleted with { Deleted = true, ChangeSequence = 2 }, Assert.Single(all, r => r.Id == deleted.Id));
        Assert.Single(all, r => r.Id == kept.Id);
    }

    [RecordingCatalogFact]
    public async Task ReadAll_returns_every_row_once_in_id_order()
    {
        var rows = Enumerable.Range(0, ReadAllRowCount)
            .Select(i => TestRecordings.New(createdOn: T0.AddSeconds(i % 3), deleted: i % 5 == 0))
            .ToList();
        foreach (var r in rows)
        {
            await Catalog.UpsertAsync(r);
            await Catalog.UpsertAsync(r with { ChangeSequence = 2 });
        }

        var all = await ReadAllAsync();
        Assert.Equal(rows.Select(r => r.Id).Order(), all.Select(r => r.Id));
        Assert.All(all, r => Assert.Equal(2, r.ChangeSequence));
    }

    [RecordingCatalogFact]
    public async Task ReadAll_of_an_empty_catalog_is_empty()
    {
        Assert.Empty(await ReadAllAsync());
    }

    [RecordingCatalogFact]
    public async Task Rejects_a_cursor_it_did_not_issue_naming_the_field()
    {
        var forward = await Assert.ThrowsAsync<RoomcastException>(
            () => Catalog.ListAsync(new RecordingQuery(), new PageRequest(10, StartAfter: "not-a-cursor")));
        Assert.Contains("start_after", forward.Message, StringComparison.Ordinal);

        var backward = await Assert.ThrowsAsync<RoomcastException>(
            () => Catalog.ListAsync(new RecordingQuery(), new PageRequest(10, EndBefore: "bm90LWEtY3Vyc29y")));
        Assert.Contains("end_before", backward.Message, StringComparison.Ordinal);
    }

    private async Task<List<RecordingSnapshot>> ReadAllAsync()
    {
        var rows = new List<RecordingSnapshot>();
        await foreach (var r in Catalog.ReadAllAsync())
        {
            rows.Add(r);
        }

        return rows;
    }

    private async Task<string> SingleTitleAsync(Guid session)
    {
        var page = await Catalog.ListAsync(new RecordingQuery { SessionId = session }, PageRequest.First());
        return Assert.Single(page.Items).Title;
    }

    private async Task AssertIds(RecordingQuery query, params RecordingSnapshot[] expected)
    {
        var page = await Catalog.ListAsync(query, PageRequest.First(PageRequest.MaxLimit));
        Assert.Equal(expected.Select(r => r.Id), page.Items.Select(r => r.Id));
    }
}
