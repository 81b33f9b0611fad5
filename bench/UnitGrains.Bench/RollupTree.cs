using UnitGrains.Domain;
using UnitGrains.Hierarchy;

namespace UnitGrains.Bench;

/// <summary>
/// The whole hierarchy's rollup in one process with no actors: one <see cref="Rollup"/> per unit,
/// and a change at a unit published synchronously up to the root, every level on every event
/// (nothing coalesced). What the grains do, minus messaging, storage and concurrency.
/// </summary>
internal sealed class RollupTree
{
    private readonly Dictionary<string, (Rollup Rollup, Rollup? Parent)> _units = new(StringComparer.Ordinal);
    private long _clock;

    public RollupTree(HierarchySnapshot snapshot, IReadOnlyList<int> years)
    {
        var rollups = snapshot.Units.ToDictionary(u => u.Code, u => new Rollup(u.Code, years), StringComparer.Ordinal);
        foreach (var unit in snapshot.Units)
        {
            _units[unit.Code] = (rollups[unit.Code], unit.ParentCode is { } parent ? rollups[parent] : null);
        }

        // Deepest first, so every parent has heard from all its children once.
        foreach (var unit in snapshot.Units.OrderByDescending(u => u.Ancestors.Count))
        {
            var (rollup, parent) = _units[unit.Code];
            parent?.ApplyChild(rollup.Publish(++_clock));
        }

        Root = rollups[snapshot.Units.Single(u => u.ParentCode is null).Code];
    }

    public Rollup Root { get; }

    /// <summary>Replaces a unit's own counts and carries the change to the root; returns whether anything changed.</summary>
    public bool SetOwn(string code, IReadOnlyList<IndicatorCounts> own)
    {
        var (rollup, parent) = _units[code];
        if (!rollup.SetOwn(own, []))
        {
            return false;
        }

        while (parent is not null)
        {
            if (!parent.ApplyChild(rollup.Publish(++_clock)))
            {
                return true;
            }

            rollup = parent;
            parent = _units[rollup.Code].Parent;
        }

        rollup.Publish(++_clock);
        return true;
    }
}
