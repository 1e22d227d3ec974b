using Roomcast.Grains;

namespace Roomcast.Postgres.Tests.Storage;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_write_completes_only_after_the_batch_holding_it_is_flushed()
    {
        var release = new TaskCompletionSource();
        var flushed = new List<int>();
        var commit = new GroupCommit<int>(async batch =>
        {
            await release.Task;
            lock (flushed)
            {
                flushed.AddRange(batch);
            }
        }, maxBatch: 10);

        var writes = Enumerable.Range(0, 25).Select(commit.WriteAsync).ToList();
        await Task.Delay(50);
        Assert.All(writes, w => Assert.False(w.IsCompleted));

        release.SetResult();
        await Task.WhenAll(writes);
        Assert.Equal(Enumerable.Range(0, 25), flushed.Order());
    }

    [Fact]
    public async Task A_failed_batch_fails_its_writers_and_later_writes_still_commit()
    {
        var fail = true;
        var commit = new GroupCommit<int>(_ => fail ? Task.FromException(new InvalidOperationException("down")) : Task.CompletedTask, maxBatch: 10);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => commit.WriteAsync(1));
        fail = false;
        await commit.WriteAsync(2);

        Assert.Equal("down", error.Message);
    }

    [Fact]
    public async Task Concurrent_writers_share_batches_no_larger_than_the_maximum()
    {
        var sizes = new List<int>();
        var commit = new GroupCommit<int>(async batch =>
        {
            lock (sizes)
            {
                sizes.Add(batch.Count);
            }

            await Task.Delay(5);
        }, maxBatch: 16);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => commit.WriteAsync(i))));

        Assert.Equal(200, sizes.Sum());
        Assert.All(sizes, s => Assert.InRange(s, 1, 16));
        Assert.True(sizes.Count < 200, $"{sizes.Count} flushes for 200 concurrent writes: nothing was shared");
    }
}
