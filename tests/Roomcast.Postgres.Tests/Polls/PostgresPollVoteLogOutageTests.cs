using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Errors;
using Roomcast.Persistence.Postgres.Polls;
using Roomcast.Polls;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Polls;

/// <summary>With no database to reach, every call leaves as the one exception Orleans can carry.</summary>
public sealed class PostgresPollVoteLogOutageTests : IAsyncLifetime
{
    private NpgsqlDataSource _nowhere = null!;
    private PostgresPollVoteLog _log = null!;

    public Task InitializeAsync()
    {
        _nowhere = UnreachablePostgres.DataSource();
        _log = new PostgresPollVoteLog(_nowhere, NullLogger<PostgresPollVoteLog>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _nowhere.DisposeAsync();

    [Fact]
    public async Task Every_call_throws_storage_unavailable_with_no_driver_exception_inside()
    {
        var recording = await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.RecordAsync(Guid.NewGuid(), Guid.NewGuid(), ["o1"], DateTimeOffset.UtcNow));
        Assert.Null(recording.InnerException);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.CountAsync(Guid.NewGuid()));
    }
}
