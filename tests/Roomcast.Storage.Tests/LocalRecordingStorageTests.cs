using System.Text;

namespace Roomcast.Storage.Tests;

public sealed class LocalRecordingStorageTests : RecordingStorageContract
{
    private readonly DirectoryInfo _sandbox = Directory.CreateTempSubdirectory("roomcast-local-storage-");

    private string Root => Path.Combine(_sandbox.FullName, "root");

    protected override Task<IRecordingStorage> CreateStorageAsync() =>
        Task.FromResult<IRecordingStorage>(new LocalRecordingStorage(Root, "/out"));

    protected override Task<byte[]> ReadAsync(StoredObjectAccess access)
    {
        var file = Assert.IsType<LocalFileAccess>(access);
        Assert.StartsWith(Root + Path.DirectorySeparatorChar, file.PhysicalPath, StringComparison.Ordinal);
        return File.ReadAllBytesAsync(file.PhysicalPath);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _sandbox.Delete(recursive: true);
    }

    [Fact]
    public void The_root_is_created_when_the_storage_is()
    {
        Assert.True(Directory.Exists(Root));
    }

    [Fact]
    public async Task Read_access_is_the_file_under_the_root_with_its_object()
    {
        var key = Folder + "s1/rec.mp4";
        await Storage.WriteAsync(key, new MemoryStream(Bytes(12)));

        var access = Assert.IsType<LocalFileAccess>(await Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow, "talk.mp4"));

        Assert.Equal(Path.Combine(Root, Folder, "s1", "rec.mp4"), access.PhysicalPath);
        Assert.Equal(await Storage.StatAsync(key), access.Object);
    }

    [Fact]
    public void Egress_writes_under_the_root_as_the_egress_sees_it()
    {
        Assert.Equal(new EgressUploadTarget("/out/recordings/s1/r1.mp4", null), Storage.EgressTargetFor("recordings/s1/r1.mp4"));
        Assert.Equal(Root + "/recordings/r.mp4", new LocalRecordingStorage(Root).EgressTargetFor("recordings/r.mp4").FilePath);
    }

    [Fact]
    public async Task A_write_leaves_no_temp_file_and_a_left_over_temp_file_is_never_listed()
    {
        await Storage.WriteAsync(Folder + "a.mp4", new MemoryStream(Bytes(8)));
        Assert.Equal(["a.mp4"], Directory.GetFiles(Path.Combine(Root, Folder)).Select(Path.GetFileName));

        await File.WriteAllTextAsync(Path.Combine(Root, Folder, "b.mp4~0123456789abcdef.tmp"), "crashed mid-write");

        Assert.Equal([Folder + "a.mp4"], (await ListAsync(Folder)).Select(o => o.Key));
    }

    [Fact]
    public async Task A_failed_write_keeps_the_previous_content_and_leaves_no_temp_file()
    {
        var key = Folder + "keep.mp4";
        await Storage.WriteAsync(key, new MemoryStream(Encoding.ASCII.GetBytes("complete")));

        await Assert.ThrowsAsync<InvalidDataException>(() => Storage.WriteAsync(key, new FailingStream()));

        Assert.Equal("complete", await File.ReadAllTextAsync(Path.Combine(Root, Folder, "keep.mp4")));
        Assert.Single(Directory.GetFiles(Path.Combine(Root, Folder)));
    }

    [Fact]
    public async Task Dot_files_are_listed_like_any_other_key()
    {
        await Storage.WriteAsync(Folder + ".hidden.mp4", new MemoryStream(Bytes(2)));

        Assert.Equal([Folder + ".hidden.mp4"], (await ListAsync(Folder)).Select(o => o.Key));
    }

    [Fact]
    public async Task A_symbolic_link_inside_the_root_that_points_outside_is_refused_and_not_listed()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_sandbox.FullName, "outside"));
        var secret = Path.Combine(outside.FullName, "secret.txt");
        await File.WriteAllTextAsync(secret, "not a recording");
        Directory.CreateDirectory(Path.Combine(Root, Folder));
        Directory.CreateSymbolicLink(Path.Combine(Root, Folder, "leak"), outside.FullName);
        File.CreateSymbolicLink(Path.Combine(Root, Folder, "file.mp4"), secret);

        foreach (var key in new[] { Folder + "leak/secret.txt", Folder + "file.mp4" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Storage.StatAsync(key));
            await Assert.ThrowsAsync<ArgumentException>(() => Storage.GetReadAccessAsync(key, DateTimeOffset.UtcNow.AddMinutes(1), null));
            await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteAsync(key, new MemoryStream(Bytes(3))));
            await Assert.ThrowsAsync<ArgumentException>(() => Storage.DeleteAsync(key));
        }
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteAsync(Folder + "leak/new.mp4", new MemoryStream(Bytes(3))));
        await Assert.ThrowsAsync<ArgumentException>(() => ListAsync(Folder + "leak/"));

        Assert.Empty(await ListAsync(Folder));
        Assert.Equal(["secret.txt"], outside.GetFiles().Select(f => f.Name));
        Assert.Equal("not a recording", await File.ReadAllTextAsync(secret));
    }

    [Fact]
    public async Task A_root_that_cannot_exist_makes_every_operation_unavailable()
    {
        // A directory under a regular file cannot be made, even by root (permission bits would not stop root).
        var blocker = Path.Combine(_sandbox.FullName, "a-file");
        await File.WriteAllTextAsync(blocker, "");
        var storage = new LocalRecordingStorage(Path.Combine(blocker, "recordings"));

        await AssertUnavailableAsync(() => storage.WriteAsync("recordings/a.mp4", new MemoryStream(Bytes(3))));
        await AssertUnavailableAsync(() => storage.StatAsync("recordings/a.mp4"));
        await AssertUnavailableAsync(() => storage.GetReadAccessAsync("recordings/a.mp4", DateTimeOffset.UtcNow, null));
        await AssertUnavailableAsync(() => storage.DeleteAsync("recordings/a.mp4"));
        await AssertUnavailableAsync(async () =>
        {
            await foreach (var _ in storage.ListAsync("recordings/"))
            {
            }
        });
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0)
            {
                throw new InvalidDataException("the upload broke off");
            }
            buffer.AsSpan(offset, Math.Min(count, 100)).Fill(1);
            return Math.Min(count, 100);
        }
    }
}
