namespace UnitGrains.Bench;

/// <summary>
/// Open tasks to complete, in a reproducible random order of communes: task t0, t1, … of each
/// commune in turn, so every system a run compares completes the same tasks in the same order.
/// </summary>
internal sealed class WorkQueue(string[] communes, int tasksPerCommune, int seed)
{
    private readonly int[] _next = new int[communes.Length];
    private readonly Random _random = new(seed);
    private int _remaining = communes.Length * tasksPerCommune;

    public bool TryTake(out (string Commune, string Task) item)
    {
        lock (_random)
        {
            item = default;
            if (_remaining == 0)
            {
                return false;
            }

            int c;
            do
            {
                c = _random.Next(communes.Length);
            }
            while (_next[c] >= tasksPerCommune);

            item = (communes[c], $"t{_next[c]++}");
            _remaining--;
            return true;
        }
    }
}
