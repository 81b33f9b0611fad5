namespace UnitGrains.Bench;

/// <summary>
/// Operations started and not yet ended, counted rather than kept: a list of every operation's task
/// lives to the end of its phase, and in the silo's process (the bench drives the grains in process)
/// ~125,000 such tasks at 25,000 events/s were promoted into gen2 — the harness feeding the
/// collections it measures (docs/benchmarks.md). The first failure is kept and rethrown at the end.
/// </summary>
internal sealed class InFlight
{
    private readonly TaskCompletionSource _allEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count = 1; // the starter's own hold, released by WhenAllEndedAsync
    private Exception? _failure;

    /// <summary>Operations begun and not yet ended.</summary>
    public int Count => Volatile.Read(ref _count) - 1;

    public void Begin() => Interlocked.Increment(ref _count);

    public void Fail(Exception failure) => Interlocked.CompareExchange(ref _failure, failure, null);

    public void End()
    {
        if (Interlocked.Decrement(ref _count) == 0)
        {
            _allEnded.SetResult();
        }
    }

    /// <summary>Once nothing more will begin: waits for the operations still running, then throws the first failure if any.</summary>
    public async Task WhenAllEndedAsync(string what)
    {
        End();
        await _allEnded.Task;
        if (_failure is not null)
        {
            throw new InvalidOperationException($"{what} failed.", _failure);
        }
    }
}
