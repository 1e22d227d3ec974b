using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Roomcast.Grains.Recordings;
using Roomcast.Grains.Sessions;
using Roomcast.Grains.Tests.Catalog;
using Roomcast.Grains.Tests.Webhooks;
using Roomcast.Grains.Webhooks;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Persistence.Postgres.Storage;
using Roomcast.Persistence.Postgres.Webhooks;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Recordings;
using Roomcast.Sessions;
using Roomcast.Webhooks;

namespace Roomcast.Postgres.Tests.Webhooks;

/// <summary>The PostgreSQL outbox: the shared contract, and events written by the grain storage with their state, never without it.</summary>
public sealed class PostgresWebhookOutboxTests : WebhookOutboxContract, IPostgresTestClass
{
    private static readonly IServiceProvider Serialization = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private TestDatabase? _database;
    private PostgresWebhookOutbox? _outbox;

    private TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    protected override async Task<IWebhookOutbox> CreateOutboxAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _outbox = new PostgresWebhookOutbox(_database.DataSource, NullLogger<PostgresWebhookOutbox>.Instance);
        return _outbox;
    }

    [PostgresFact]
    public async Task A_session_transition_is_recorded_in_the_same_write_as_its_state_and_only_once()
    {
        var storage = Storage(new PostgresSessionCatalog(Database.DataSource), _outbox!);
        var session = Snapshots.Session() with { State = SessionState.Live, StartedAt = Snapshots.Epoch.AddMinutes(5) };
        var grain = GrainId.Create("session", session.Id.ToString("N"));
        var state = new GrainState<SessionGrainState>(new SessionGrainState { Session = session });

        await storage.WriteStateAsync("session", grain, state);
        state.State = new SessionGrainState { Session = session with { Name = "renamed", ChangeSequence = 2 } };
        await storage.WriteStateAsync("session", grain, state);

        var started = await Outbox.GetAsync(WebhookEvents.IdOf(session.Id, WebhookEventTypes.SessionStarted));
        Assert.Equal(WebhookEvents.Of(new SessionGrainState { Session = session }), started);
        Assert.Equal([started!.Id], (await Outbox.ListUnexpandedAsync(100)).Select(e => e.Id));
    }

    [PostgresFact]
    public async Task A_refused_write_records_no_event()
    {
        var storage = Storage(_outbox!);
        var recording = TestRecordings.New(status: RecordingStatus.Processing);
        var grain = GrainId.Create("recording", recording.Id.ToString("N"));
        await storage.WriteStateAsync("recording", grain, new GrainState<RecordingGrainState>(new RecordingGrainState { Recording = recording }));
        Assert.Empty(await Outbox.ListUnexpandedAsync(100));

        var stale = new GrainState<RecordingGrainState>(new RecordingGrainState
        {
            Recording = recording with { Status = RecordingStatus.Ready, ChangeSequence = 2 },
        }) { ETag = "5" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("recording", grain, stale));

        Assert.Null(await Outbox.GetAsync(WebhookEvents.IdOf(recording.Id, WebhookEventTypes.RecordingReady)));
        Assert.Empty(await Outbox.ListUnexpandedAsync(100));
    }

    [PostgresFact]
    public async Task Many_states_written_at_once_each_record_their_own_event()
    {
        var storage = Storage(new PostgresSessionCatalog(Database.DataSource),
            new PostgresRecordingCatalog(Database.DataSource, NullLogger<PostgresRecordingCatalog>.Instance), _outbox!);
        var recordings = Enumerable.Range(0, 15).Select(i => TestRecordings.New(
            status: i % 3 == 0 ? RecordingStatus.Recording : i % 3 == 1 ? RecordingStatus.Ready : RecordingStatus.Failed)).ToList();
        var sessions = Enumerable.Range(0, 15).Select(_ => Snapshots.Session(libraryId: Guid.NewGuid())).ToList();

        await Task.WhenAll(
            recordings.Select(r => storage.WriteStateAsync("recording", GrainId.Create("recording", r.Id.ToString("N")),
                new GrainState<RecordingGrainState>(new RecordingGrainState { Recording = r })))
            .Concat(sessions.Select(s => storage.WriteStateAsync("session", GrainId.Create("session", s.Id.ToString("N")),
                new GrainState<SessionGrainState>(new SessionGrainState { Session = s })))));

        var expected = recordings.Select(r => WebhookEvents.Of(new RecordingGrainState { Recording = r }))
            .Concat(sessions.Select(s => WebhookEvents.Of(new SessionGrainState { Session = s })))
            .OfType<WebhookEvent>().OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(25, expected.Count);
        Assert.Equal(expected, (await Outbox.ListUnexpandedAsync(1000)).OrderBy(e => e.Id, StringComparer.Ordinal));
    }

    private PostgresGrainStorage Storage(params IGrainStateProjection[] projections) => new(
        "test", "roomcast-tests", Database.DataSource,
        new OrleansGrainStorageSerializer(Serialization.GetRequiredService<Serializer>()),
        Serialization.GetRequiredService<IActivatorProvider>(),
        projections,
        NullLogger<PostgresGrainStorage>.Instance);

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
