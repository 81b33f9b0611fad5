namespace UnitGrains.Bench;

/// <summary>
/// Open tasks to complete, in a reproducible random order of communes: task t0, t1, … of each
/// commune in turn, so every system a run compares completes the same tasks in the same order.
/// The order is drawn up front and taken with one interlocked increment: a lock here was a sixth
/// of the silo's lock contention at 40k events/s, CPU the load generator took from the system it measures.
/// </summary>
internal sealed class WorkQueue
{
    private readonly string[] _communes;
    private readonly string[] _taskIds;
    private readonly (int Commune, int Task)[] _order;
    private int _taken = -1;

    public WorkQueue(string[] communes, int tasksPerCommune, int seed)
    {
        _communes = communes;
        _taskIds = [.. Enumerable.Range(0, tasksPerCommune).Select(t => $"t{t}")];
        var next = new int[communes.Length];
        var random = new Random(seed);
        _order = new (int, int)[communes.Length * tasksPerCommune];
        for (var i = 0; i < _order.Length; i++)
        {
            int c;
            do
            {
                c = random.Next(communes.Length);
            }
            while (next[c] >= tasksPerCommune);

            _order[i] = (c, next[c]++);
        }
    }

    public bool TryTake(out (string Commune, string Task) item)
    {
        var i = Interlocked.Increment(ref _taken);
        if (i >= _order.Length)
        {
            item = default;
            return false;
        }

        var (c, t) = _order[i];
        item = (_communes[c], _taskIds[t]);
        return true;
    }
}
