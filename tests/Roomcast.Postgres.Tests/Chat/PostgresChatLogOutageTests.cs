using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Errors;
using Roomcast.Persistence.Postgres.Chat;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Chat;

/// <summary>With no database to reach, every call leaves as the one exception Orleans can carry; a bad cursor is still the caller's error.</summary>
public sealed class PostgresChatLogOutageTests : IAsyncLifetime
{
    private NpgsqlDataSource _nowhere = null!;
    private PostgresChatLog _log = null!;

    public Task InitializeAsync()
    {
        _nowhere = UnreachablePostgres.DataSource();
        _log = new PostgresChatLog(_nowhere, NullLogger<PostgresChatLog>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _nowhere.DisposeAsync();

    [Fact]
    public async Task Every_call_throws_storage_unavailable_with_no_driver_exception_inside()
    {
        var session = Guid.NewGuid();
        var append = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            _log.AppendAsync(new ChatMessage(Guid.NewGuid(), session, 1, Guid.NewGuid(), "Ada", "hi", DateTimeOffset.UtcNow)));
        Assert.Null(append.InnerException);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.MarkDeletedAsync(session, Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.ListAsync(session, PageRequest.First()));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.FindAsync(session, Guid.NewGuid()));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _log.HighestSequenceAsync(session));
    }

    [Fact]
    public async Task A_bad_cursor_is_refused_before_the_database_is_asked()
    {
        var error = await Assert.ThrowsAsync<RoomcastException>(() => _log.ListAsync(Guid.NewGuid(), new PageRequest(10, EndBefore: "nope")));

        Assert.Equal(ErrorKind.Validation, error.Kind);
    }
}
