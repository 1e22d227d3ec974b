using System.Diagnostics;

namespace Roomcast.Grains;

/// <summary>
/// Lets concurrent writers share one statement and one commit. Each caller's task completes only when the
/// flush of the batch holding its item has finished, so a write is never acknowledged before it is durable.
/// Alone, a writer pays one round trip as before; under load, one commit serves many.
/// </summary>
/// <remarks>
/// The flush decides each item's own outcome and records it on the item (written, conflict, failed), so that
/// one bad item does not fail its neighbours; a flush that throws fails every writer of its batch with that
/// exception, and is meant for bugs, not for database failures.
/// <para>
/// Tracing: a batch's statement runs under the trace of the batch's first writer (its <see cref="Activity"/> at the
/// time of the write), the others of the batch are not linked. The flush loop itself captures no caller's context,
/// so a loop that runs on under load does not file every later batch under the writer that started it.
/// </para>
/// </remarks>
public sealed class GroupCommit<T>(Func<IReadOnlyList<T>, Task> flushAsync, int maxBatch)
{
    private readonly Lock _gate = new();
    private readonly Queue<(T Item, TaskCompletionSource Done, Activity? Writer)> _pending = new();
    private bool _flushing;

    public Task WriteAsync(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_gate)
        {
            _pending.Enqueue((item, done, Activity.Current));
            lead = !_flushing;
            _flushing = true;
        }

        if (lead)
        {
            // Off the caller's scheduler (a grain's, usually): the loop serves every writer, not one activation.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(FlushUntilEmptyAsync);
            }
        }

        return done.Task;
    }

    private async Task FlushUntilEmptyAsync()
    {
        while (true)
        {
            List<(T Item, TaskCompletionSource Done, Activity? Writer)> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                batch = new List<(T, TaskCompletionSource, Activity?)>(Math.Min(_pending.Count, maxBatch));
                while (batch.Count < maxBatch && _pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            Activity.Current = batch[0].Writer is { IsStopped: false } writer ? writer : null;
            try
            {
                await flushAsync(batch.Select(b => b.Item).ToList());
                batch.ForEach(b => b.Done.SetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(b => b.Done.SetException(e));
            }
        }
    }
}
