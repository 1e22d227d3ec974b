using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Persistence.Postgres.Audience;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Audience;

/// <summary>With no database to reach, every call leaves as the one exception Orleans can carry.</summary>
public sealed class PostgresAttendanceLogOutageTests : IAsyncLifetime
{
    private NpgsqlDataSource _nowhere = null!;
    private PostgresAttendanceLog _log = null!;

    public Task InitializeAsync()
    {
        _nowhere = UnreachablePostgres.DataSource();
        _log = new PostgresAttendanceLog(_nowhere, NullLogger<PostgresAttendanceLog>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _nowhere.DisposeAsync();

    [Fact]
    public async Task Opening_throws_storage_unavailable_with_no_driver_exception_inside()
    {
        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            _log.OpenAsync(new AttendanceVisit(Guid.NewGuid(), Guid.NewGuid(), "Ada", AttendeeRole.Viewer, DateTimeOffset.UtcNow)));
        Assert.Null(e.InnerException);
    }

    [Fact]
    public async Task Every_other_call_throws_storage_unavailable()
    {
        var session = Guid.NewGuid();
        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            _log.CloseAsync(session, [new AttendanceDeparture(Guid.NewGuid(), DateTimeOffset.UtcNow)]));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.ListOpenAsync(session));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.ListAsync(session, PageRequest.First()));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.GetTotalsAsync(session));
        await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
        {
            await foreach (var _ in _log.ReadAllAsync(session))
            {
            }
        });
    }
}
