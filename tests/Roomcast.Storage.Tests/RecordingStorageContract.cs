using System.Text;
using Roomcast.Errors;

namespace Roomcast.Storage.Tests;

/// <summary>
/// What every <see cref="IRecordingStorage"/> must do; one subclass per implementation. The facts skip only where
/// npm is missing (the S3 store's server is an npm package) and never on CI.
/// </summary>
public abstract class RecordingStorageContract : IAsyncLifetime
{
    public static readonly TheoryData<string> RejectedKeys =
    [
        "../x", "a/../../etc/passwd", "%2e%2e/x", "/abs", "a\\b", "", "a//b", "a/", "./a", "a/./b", "a b", "a:b", "é.mp4",
    ];

    private IRecordingStorage? _storage;

    protected IRecordingStorage Storage => _storage ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A folder of its own for each test, so no test sees another's objects.</summary>
    protected string Folder { get; } = $"t{Guid.NewGuid():N}/";

    protected abstract Task<IRecordingStorage> CreateStorageAsync();

    /// <summary>The bytes a client gets through the access the storage handed out.</summary>
    protected abstract Task<byte[]> ReadAsync(StoredObjectAccess access);

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public virtual Task DisposeAsync()
    {
        (_storage as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [ToolFact("npm")]
    public async Task A_written_object_can_be_stated_and_read_back()
    {
        var key = Folder + "s1/rec-1.mp4";
        var bytes = Bytes(5_000);
        await Storage.WriteAsync(key, new MemoryStream(bytes));

        var stored = await Storage.StatAsync(key);
        Assert.NotNull(stored);
        Assert.Equal(key, stored.Key);
        Assert.Equal(bytes.Length, stored.SizeBytes);
        Assert.StartsWith("\"", stored.ETag);
        Assert.EndsWith("\"", stored.ETag);
        Assert.True(stored.ETag.Length > 2);
        Assert.InRange(stored.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        var access = await Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow.AddMinutes(5), attachmentFileName: null);
        Assert.NotNull(access);
        Assert.Equal(bytes, await ReadAsync(access));
    }

    [ToolFact("npm")]
    public async Task A_stream_that_cannot_seek_is_written_whole()
    {
        var key = Folder + "unseekable.mp4";
        var bytes = Bytes(70_000);
        await Storage.WriteAsync(key, new ForwardOnlyStream(bytes));

        Assert.Equal(bytes.Length, (await Storage.StatAsync(key))!.SizeBytes);
        Assert.Equal(bytes, await ReadAsync((await Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow.AddMinutes(5), null))!));
    }

    [ToolFact("npm")]
    public async Task A_missing_key_has_no_object_and_no_read_access()
    {
        Assert.Null(await Storage.StatAsync(Folder + "missing.mp4"));
        Assert.Null(await Storage.GetReadAccessAsync(Folder + "missing.mp4", DateTimeOffset.UtcNow.AddMinutes(5), "x.mp4"));
    }

    [ToolFact("npm")]
    public async Task Writing_again_replaces_the_content_and_the_etag()
    {
        var key = Folder + "replace.mp4";
        await Storage.WriteAsync(key, new MemoryStream(Encoding.ASCII.GetBytes("first version")));
        var first = await Storage.StatAsync(key);

        await Storage.WriteAsync(key, new MemoryStream(Encoding.ASCII.GetBytes("second, longer version")));

        var second = await Storage.StatAsync(key);
        Assert.Equal("second, longer version".Length, second!.SizeBytes);
        Assert.NotEqual(first!.ETag, second.ETag);
        var access = await Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow.AddMinutes(5), null);
        Assert.Equal("second, longer version", Encoding.ASCII.GetString(await ReadAsync(access!)));
        Assert.Single(await ListAsync(Folder));
    }

    [ToolFact("npm")]
    public async Task Delete_removes_the_object_and_deleting_again_is_fine()
    {
        var key = Folder + "gone.mp4";
        await Storage.WriteAsync(key, new MemoryStream(Bytes(10)));

        await Storage.DeleteAsync(key);
        await Storage.DeleteAsync(key);
        await Storage.DeleteAsync(Folder + "never/was.mp4");

        Assert.Null(await Storage.StatAsync(key));
        Assert.Empty(await ListAsync(Folder));
    }

    [ToolFact("npm")]
    public async Task List_returns_exactly_the_objects_under_the_prefix()
    {
        await Storage.WriteAsync(Folder + "s1/a.mp4", new MemoryStream(Bytes(3)));
        await Storage.WriteAsync(Folder + "s1/b.mp4", new MemoryStream(Bytes(4)));
        await Storage.WriteAsync(Folder + "s1/deep/c.mp4", new MemoryStream(Bytes(5)));
        await Storage.WriteAsync(Folder + "s2/d.mp4", new MemoryStream(Bytes(6)));
        await Storage.WriteAsync(Folder + "s10/e.mp4", new MemoryStream(Bytes(7)));

        var s1 = await ListAsync(Folder + "s1/");
        Assert.Equal([Folder + "s1/a.mp4", Folder + "s1/b.mp4", Folder + "s1/deep/c.mp4"], s1.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal([3L, 4L, 5L], s1.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.SizeBytes));
        Assert.Equal([Folder + "s1/a.mp4", Folder + "s1/b.mp4", Folder + "s1/deep/c.mp4", Folder + "s10/e.mp4"],
            (await ListAsync(Folder + "s1")).Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(5, (await ListAsync(Folder)).Count);
        Assert.Empty(await ListAsync(Folder + "s3/"));
        Assert.Equal((await Storage.StatAsync(Folder + "s2/d.mp4"))!.ETag, (await ListAsync(Folder + "s2/")).Single().ETag);
    }

    [ToolFact("npm")]
    public async Task Keys_outside_the_key_grammar_are_refused_by_every_operation()
    {
        foreach (var key in RejectedKeys)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Storage.StatAsync(key));
            await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteAsync(key, new MemoryStream(Bytes(1))));
            await Assert.ThrowsAsync<ArgumentException>(() => Storage.DeleteAsync(key));
            await Assert.ThrowsAsync<ArgumentException>(() => Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow.AddMinutes(1), null));
            Assert.Throws<ArgumentException>(() => Storage.EgressTargetFor(key));
        }
        await Assert.ThrowsAsync<ArgumentException>(() => ListAsync("../"));
        await Assert.ThrowsAsync<ArgumentException>(() => ListAsync("a//"));
    }

    protected async Task<List<StoredObject>> ListAsync(string prefix)
    {
        var found = new List<StoredObject>();
        await foreach (var stored in Storage.ListAsync(prefix))
        {
            found.Add(stored);
        }
        return found;
    }

    protected static async Task AssertUnavailableAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RoomcastException>(call);
        Assert.Equal(ErrorKind.Unavailable, e.Kind);
        Assert.Equal("recording_storage_unavailable", e.Code);
    }

    protected static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 % 251)).ToArray();

    /// <summary>A body whose length is unknown until it ends, like an upload being received.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
