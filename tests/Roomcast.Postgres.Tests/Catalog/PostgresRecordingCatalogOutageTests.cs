using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Tests.Catalog;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Catalog;

/// <summary>With no database to reach, every call leaves as the one exception Orleans can carry.</summary>
public sealed class PostgresRecordingCatalogOutageTests : IAsyncLifetime
{
    private NpgsqlDataSource _nowhere = null!;
    private PostgresRecordingCatalog _catalog = null!;

    public Task InitializeAsync()
    {
        _nowhere = UnreachablePostgres.DataSource();
        _catalog = new PostgresRecordingCatalog(_nowhere, NullLogger<PostgresRecordingCatalog>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _nowhere.DisposeAsync();

    [Fact]
    public async Task Upserting_throws_storage_unavailable_with_no_driver_exception_inside()
    {
        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => _catalog.UpsertAsync(TestRecordings.New()));
        Assert.Null(e.InnerException);
    }

    [Fact]
    public async Task Listing_and_reading_everything_throw_storage_unavailable()
    {
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _catalog.ListAsync(new RecordingQuery(), PageRequest.First()));
        await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
        {
            await foreach (var _ in _catalog.ReadAllAsync())
            {
            }
        });
    }

    [Fact]
    public async Task A_bad_cursor_is_the_callers_error_even_when_the_database_is_down()
    {
        await Assert.ThrowsAsync<RoomcastException>(
            () => _catalog.ListAsync(new RecordingQuery(), new PageRequest(10, StartAfter: "not-a-cursor")));
    }
}
