using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Roomcast.Grains.Identity;
using Roomcast.Identity;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Persistence.Postgres.Storage;

namespace Roomcast.Postgres.Tests.Storage;

/// <summary>Expired sign-ins and codes are deleted by one sweep over <c>state_expiry</c>, written with each state.</summary>
public sealed class PostgresExpirySweepTests : IAsyncLifetime
{
    private const string ServiceId = "roomcast-tests";
    private static readonly IServiceProvider Serialization = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [PostgresFact]
    public async Task The_sweep_deletes_expired_states_and_keeps_the_rest()
    {
        var storage = Storage();
        var expired = await WriteCodeAsync(storage, Now.AddSeconds(-1));
        var due = await WriteCodeAsync(storage, Now);
        var fresh = await WriteCodeAsync(storage, Now.AddMinutes(1));
        var other = GrainId.Create("note", Guid.NewGuid().ToString("N"));
        await storage.WriteStateAsync("notes", other, new GrainState<List<string>>(["kept"]));

        var deleted = await new PostgresExpiredStateSweeper(_database.DataSource, ServiceId).SweepAsync(Now, CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.False(await ExistsAsync<AuthCodeGrainState>(storage, "auth-code", expired));
        Assert.False(await ExistsAsync<AuthCodeGrainState>(storage, "auth-code", due));
        Assert.True(await ExistsAsync<AuthCodeGrainState>(storage, "auth-code", fresh));
        Assert.True(await ExistsAsync<List<string>>(storage, "notes", other));
        Assert.Equal(0, await new PostgresExpiredStateSweeper(_database.DataSource, ServiceId).SweepAsync(Now, CancellationToken.None));
    }

    [PostgresFact]
    public async Task A_later_write_moves_the_expiry_with_the_state()
    {
        var storage = Storage();
        var grain = GrainId.Create("authcode", Guid.NewGuid().ToString("N"));
        var state = new GrainState<AuthCodeGrainState>(Code(Now.AddSeconds(-1)));
        await storage.WriteStateAsync("auth-code", grain, state);
        state.State = Code(Now.AddHours(1));
        await storage.WriteStateAsync("auth-code", grain, state);

        Assert.Equal(0, await new PostgresExpiredStateSweeper(_database.DataSource, ServiceId).SweepAsync(Now, CancellationToken.None));
        Assert.True(await ExistsAsync<AuthCodeGrainState>(storage, "auth-code", grain));
    }

    [PostgresFact]
    public async Task The_sweep_works_through_more_than_one_batch()
    {
        var storage = Storage();
        await Task.WhenAll(Enumerable.Range(0, PostgresExpiredStateSweeper.BatchSize + 5)
            .Select(_ => WriteCodeAsync(storage, Now.AddMinutes(-1))));

        var deleted = await new PostgresExpiredStateSweeper(_database.DataSource, ServiceId).SweepAsync(Now, CancellationToken.None);

        Assert.Equal(PostgresExpiredStateSweeper.BatchSize + 5, deleted);
    }

    private static AuthCodeGrainState Code(DateTimeOffset expiresAt) =>
        new() { Grant = new AuthCodeGrant(Guid.NewGuid(), AuthCodePurpose.SignIn, null), ExpiresAt = expiresAt };

    private static async Task<GrainId> WriteCodeAsync(PostgresGrainStorage storage, DateTimeOffset expiresAt)
    {
        var grain = GrainId.Create("authcode", Guid.NewGuid().ToString("N"));
        await storage.WriteStateAsync("auth-code", grain, new GrainState<AuthCodeGrainState>(Code(expiresAt)));
        return grain;
    }

    private static async Task<bool> ExistsAsync<T>(PostgresGrainStorage storage, string stateName, GrainId grain)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grain, state);
        return state.RecordExists;
    }

    private PostgresGrainStorage Storage() => new(
        "test", ServiceId, _database.DataSource,
        new OrleansGrainStorageSerializer(Serialization.GetRequiredService<Serializer>()),
        Serialization.GetRequiredService<IActivatorProvider>(),
        [new StateExpiryProjection()],
        NullLogger<PostgresGrainStorage>.Instance);
}
