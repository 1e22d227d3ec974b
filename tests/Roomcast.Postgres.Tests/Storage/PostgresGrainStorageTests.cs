using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Roomcast.Errors;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Catalog;
using Roomcast.Grains.Recordings;
using Roomcast.Grains.Sessions;
using Roomcast.Grains.Tests.Catalog;
using Roomcast.Recordings;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Persistence.Postgres.Storage;

namespace Roomcast.Postgres.Tests.Storage;

public sealed class PostgresGrainStorageTests : IAsyncLifetime
{
    private const string StateName = "notes";
    private static readonly IServiceProvider Serialization = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [PostgresFact]
    public async Task A_grain_never_written_reads_as_absent_with_a_fresh_state()
    {
        var state = await ReadAsync(Storage(), NewGrain());

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Empty(state.State!);
    }

    [PostgresFact]
    public async Task Writes_are_read_back_and_each_one_moves_the_version()
    {
        var storage = Storage();
        var grain = NewGrain();
        var state = new GrainState<List<string>>(["first"]);

        await storage.WriteStateAsync(StateName, grain, state);
        Assert.Equal("1", state.ETag);
        state.State!.Add("second");
        await storage.WriteStateAsync(StateName, grain, state);

        var read = await ReadAsync(Storage(), grain);
        Assert.True(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal(["first", "second"], read.State);
    }

    [PostgresFact]
    public async Task A_write_from_a_stale_version_is_refused_and_changes_nothing()
    {
        var storage = Storage();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new GrainState<List<string>>(["kept"]));
        var stale = new GrainState<List<string>>(["lost"]) { ETag = "7" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        Assert.Equal(["kept"], (await ReadAsync(storage, grain)).State);
    }

    [PostgresFact]
    public async Task A_first_write_over_an_existing_row_is_refused()
    {
        var storage = Storage();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new GrainState<List<string>>(["kept"]));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, grain, new GrainState<List<string>>(["lost"])));
    }

    [PostgresFact]
    public async Task Of_concurrent_writers_from_one_version_exactly_one_wins()
    {
        var storage = Storage();
        var grain = NewGrain();
        var seed = new GrainState<List<string>>(["seed"]);
        await storage.WriteStateAsync(StateName, grain, seed);

        // Started together, so most of them share a batch with the winner; the rest meet its new version.
        var writers = Enumerable.Range(0, 20).Select(i => new GrainState<List<string>>([$"writer {i}"]) { ETag = seed.ETag }).ToList();
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await storage.WriteStateAsync(StateName, grain, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        var winner = Assert.Single(writers.Where((_, i) => outcomes[i]));
        var read = await ReadAsync(storage, grain);
        Assert.Equal(winner.State, read.State);
        Assert.Equal("2", read.ETag);
    }

    [PostgresFact]
    public async Task Concurrent_writes_of_many_grains_are_all_stored_with_their_own_versions()
    {
        var storage = Storage();
        var grains = Enumerable.Range(0, 600).Select(_ => NewGrain()).ToList();
        var states = grains.Select(g => new GrainState<List<string>>([g.ToString()])).ToList();

        await Task.WhenAll(grains.Select((g, i) => storage.WriteStateAsync(StateName, g, states[i])));
        states.ForEach(s => s.State!.Add("again"));
        await Task.WhenAll(grains.Select((g, i) => storage.WriteStateAsync(StateName, g, states[i])));

        foreach (var grain in grains)
        {
            var read = await ReadAsync(storage, grain);
            Assert.Equal("2", read.ETag);
            Assert.Equal([grain.ToString(), "again"], read.State);
        }
    }

    [PostgresFact]
    public async Task Clearing_deletes_the_row_and_a_later_first_write_starts_again()
    {
        var storage = Storage();
        var grain = NewGrain();
        var state = new GrainState<List<string>>(["gone"]);
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Empty(state.State!);
        Assert.False((await ReadAsync(storage, grain)).RecordExists);
        await storage.WriteStateAsync(StateName, grain, new GrainState<List<string>>(["back"]));
        Assert.Equal(["back"], (await ReadAsync(storage, grain)).State);
    }

    [PostgresFact]
    public async Task Clearing_from_a_stale_version_is_refused_and_keeps_the_row()
    {
        var storage = Storage();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new GrainState<List<string>>(["kept"]));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StateName, grain, new GrainState<List<string>>([]) { ETag = "9" }));

        Assert.True((await ReadAsync(storage, grain)).RecordExists);
    }

    [PostgresFact]
    public async Task States_are_kept_apart_by_service_and_by_state_name()
    {
        var grain = NewGrain();
        await Storage("service-a").WriteStateAsync(StateName, grain, new GrainState<List<string>>(["a"]));

        Assert.False((await ReadAsync(Storage("service-b"), grain)).RecordExists);
        var otherName = new GrainState<List<string>>([]);
        await Storage("service-a").ReadStateAsync("other", grain, otherName);
        Assert.False(otherName.RecordExists);
    }

    [PostgresFact]
    public async Task A_batch_refused_for_a_missing_table_fails_every_writer_as_unavailable_and_acknowledges_nothing()
    {
        var storage = Storage();
        var grains = Enumerable.Range(0, 20).Select(_ => NewGrain()).ToList();
        await using (var drop = _database.DataSource.CreateCommand("ALTER TABLE grain_state RENAME TO grain_state_away"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        var states = grains.Select(g => new GrainState<List<string>>([g.ToString()])).ToList();
        var writes = grains.Select((g, i) => storage.WriteStateAsync(StateName, g, states[i])).ToList();
        foreach (var write in writes)
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => write);
            Assert.Null(error.InnerException);
            Assert.Contains("42P01", error.Message, StringComparison.Ordinal);
        }

        Assert.All(states, s => Assert.Null(s.ETag));
        await using (var back = _database.DataSource.CreateCommand("ALTER TABLE grain_state_away RENAME TO grain_state"))
        {
            await back.ExecuteNonQueryAsync();
        }

        Assert.All(await Task.WhenAll(grains.Select(g => ReadAsync(storage, g))), read => Assert.False(read.RecordExists));
    }

    [PostgresFact]
    public async Task A_session_state_and_its_catalog_row_are_written_together()
    {
        var catalog = new PostgresSessionCatalog(_database.DataSource);
        var storage = Storage(projections: catalog);
        var session = Snapshots.Session(name: "first");
        var grain = GrainId.Create("session", session.Id.ToString("N"));
        var state = new GrainState<SessionGrainState>(new SessionGrainState { Session = session });

        await storage.WriteStateAsync("session", grain, state);
        Assert.Equal("first", Assert.Single(await catalog.GetManyAsync([session.Id])).Name);

        state.State = new SessionGrainState { Session = session with { Name = "second", ChangeSequence = 2 } };
        await storage.WriteStateAsync("session", grain, state);
        Assert.Equal("second", Assert.Single(await catalog.GetManyAsync([session.Id])).Name);
    }

    [PostgresFact]
    public async Task A_refused_write_leaves_the_catalog_row_as_it_was()
    {
        var catalog = new PostgresSessionCatalog(_database.DataSource);
        var storage = Storage(projections: catalog);
        var session = Snapshots.Session(name: "kept");
        var grain = GrainId.Create("session", session.Id.ToString("N"));
        await storage.WriteStateAsync("session", grain, new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));

        var stale = new GrainState<SessionGrainState>(new SessionGrainState { Session = session with { Name = "lost", ChangeSequence = 2 } }) { ETag = "5" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("session", grain, stale));

        Assert.Equal("kept", Assert.Single(await catalog.GetManyAsync([session.Id])).Name);
    }

    [PostgresFact]
    public async Task States_that_are_not_sessions_write_no_catalog_row()
    {
        var catalog = new PostgresSessionCatalog(_database.DataSource);
        await Storage(projections: catalog).WriteStateAsync(StateName, NewGrain(), new GrainState<List<string>>(["note"]));

        Assert.Equal(0, (await catalog.GetStatsAsync(null, null)).Total);
    }

    [PostgresFact]
    public async Task A_recording_state_and_its_catalog_row_are_written_together()
    {
        var (sessions, recordings) = (new PostgresSessionCatalog(_database.DataSource), RecordingCatalog());
        var storage = Storage(projections: [sessions, recordings]);
        var recording = TestRecordings.New(title: "first", status: RecordingStatus.Starting);
        var grain = GrainId.Create("recording", recording.Id.ToString("N"));
        var state = new GrainState<RecordingGrainState>(new RecordingGrainState { Recording = recording });

        await storage.WriteStateAsync("recording", grain, state);
        Assert.Equal(recording, Assert.Single(await ListSessionRecordingsAsync(recordings, recording.SessionId)));

        state.State = new RecordingGrainState { Recording = recording with { Status = RecordingStatus.Recording, ChangeSequence = 2 } };
        await storage.WriteStateAsync("recording", grain, state);
        Assert.Equal(RecordingStatus.Recording, Assert.Single(await ListSessionRecordingsAsync(recordings, recording.SessionId)).Status);
        Assert.Equal(0, (await sessions.GetStatsAsync(null, null)).Total);
    }

    [PostgresFact]
    public async Task A_refused_write_leaves_the_recording_row_as_it_was()
    {
        var recordings = RecordingCatalog();
        var storage = Storage(projections: recordings);
        var recording = TestRecordings.New(title: "kept");
        var grain = GrainId.Create("recording", recording.Id.ToString("N"));
        await storage.WriteStateAsync("recording", grain, new GrainState<RecordingGrainState>(new RecordingGrainState { Recording = recording }));

        var stale = new GrainState<RecordingGrainState>(new RecordingGrainState { Recording = recording with { Title = "lost", ChangeSequence = 2 } }) { ETag = "5" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("recording", grain, stale));

        Assert.Equal("kept", Assert.Single(await ListSessionRecordingsAsync(recordings, recording.SessionId)).Title);
    }

    [PostgresFact]
    public async Task With_both_catalogs_projected_session_only_and_recording_only_writes_each_fill_their_own_table()
    {
        var (sessions, recordings) = (new PostgresSessionCatalog(_database.DataSource), RecordingCatalog());
        var storage = Storage(projections: [sessions, recordings]);
        var session = Snapshots.Session();
        await storage.WriteStateAsync("session", GrainId.Create("session", session.Id.ToString("N")),
            new GrainState<SessionGrainState>(new SessionGrainState { Session = session }));
        Assert.Single(await sessions.GetManyAsync([session.Id]));
        Assert.Empty(await ReadAllAsync(recordings));

        var recording = TestRecordings.New(sessionId: session.Id);
        await storage.WriteStateAsync("recording", GrainId.Create("recording", recording.Id.ToString("N")),
            new GrainState<RecordingGrainState>(new RecordingGrainState { Recording = recording }));
        Assert.Equal(new[] { recording }, await ReadAllAsync(recordings));
        Assert.Equal(1, (await sessions.GetStatsAsync(null, null)).Total);

        // A recording grain with nothing created yet writes no row.
        await storage.WriteStateAsync("recording", GrainId.Create("recording", Guid.NewGuid().ToString("N")),
            new GrainState<RecordingGrainState>(new RecordingGrainState()));
        Assert.Single(await ReadAllAsync(recordings));
    }

    [PostgresFact]
    public async Task Sessions_recordings_and_other_states_written_at_once_each_land_once()
    {
        var (sessions, recordings) = (new PostgresSessionCatalog(_database.DataSource), RecordingCatalog());
        var storage = Storage(projections: [sessions, recordings]);
        // Every row in a library of its own: a column bound from the other projection's parameters would show.
        var sessionRows = Enumerable.Range(0, 20).Select(_ => Snapshots.Session(libraryId: Guid.NewGuid())).ToList();
        var recordingRows = Enumerable.Range(0, 20).Select(_ => TestRecordings.New(libraryId: Guid.NewGuid())).ToList();

        // Started together, so most of them share a statement: both projections' parameters bound side by side.
        await Task.WhenAll(
            sessionRows.Select(s => storage.WriteStateAsync("session", GrainId.Create("session", s.Id.ToString("N")),
                new GrainState<SessionGrainState>(new SessionGrainState { Session = s })))
            .Concat(recordingRows.Select(r => storage.WriteStateAsync("recording", GrainId.Create("recording", r.Id.ToString("N")),
                new GrainState<RecordingGrainState>(new RecordingGrainState { Recording = r }))))
            .Concat(Enumerable.Range(0, 20).Select(_ => storage.WriteStateAsync(StateName, NewGrain(), new GrainState<List<string>>(["note"])))));

        Assert.Equal(recordingRows.OrderBy(r => r.Id), await ReadAllAsync(recordings));
        foreach (var s in sessionRows)
        {
            var listed = await sessions.ListAsync(new SessionQuery { LibraryId = s.LibraryId, HostId = s.HostId, RoomId = s.RoomId }, PageRequest.First());
            Assert.Equal(s.Id, Assert.Single(listed.Items).Id);
        }

        foreach (var r in recordingRows)
        {
            var listed = await ListSessionRecordingsAsync(recordings, r.SessionId);
            Assert.Equal(r.Id, Assert.Single(listed).Id);
            var mine = await recordings.ListAsync(new RecordingQuery { LibraryId = r.LibraryId, OwnerId = r.OwnerId, Status = r.Status }, PageRequest.First());
            Assert.Equal(r.Id, Assert.Single(mine.Items).Id);
        }
    }

    private PostgresRecordingCatalog RecordingCatalog() =>
        new(_database.DataSource, NullLogger<PostgresRecordingCatalog>.Instance);

    private static async Task<IReadOnlyList<RecordingSnapshot>> ListSessionRecordingsAsync(PostgresRecordingCatalog catalog, Guid sessionId) =>
        (await catalog.ListAsync(new RecordingQuery { SessionId = sessionId }, PageRequest.First())).Items;

    private static async Task<List<RecordingSnapshot>> ReadAllAsync(PostgresRecordingCatalog catalog)
    {
        var rows = new List<RecordingSnapshot>();
        await foreach (var r in catalog.ReadAllAsync())
        {
            rows.Add(r);
        }

        return rows;
    }

    private PostgresGrainStorage Storage(string serviceId = "roomcast-tests", params IGrainStateProjection[] projections) => new(
        "test", serviceId, _database.DataSource,
        new OrleansGrainStorageSerializer(Serialization.GetRequiredService<Serializer>()),
        Serialization.GetRequiredService<IActivatorProvider>(),
        projections,
        NullLogger<PostgresGrainStorage>.Instance);

    private static async Task<GrainState<List<string>>> ReadAsync(PostgresGrainStorage storage, GrainId grain)
    {
        var state = new GrainState<List<string>>([]);
        await storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    private static GrainId NewGrain() => GrainId.Create("note", Guid.NewGuid().ToString("N"));
}
