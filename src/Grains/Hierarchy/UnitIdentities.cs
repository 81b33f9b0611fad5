using UnitGrains.Domain;

namespace UnitGrains.Hierarchy;

/// <summary>One unit across the lists that hold it (<see cref="HierarchyTimeline"/>), while they are combined.</summary>
internal sealed class UnitIdentity(string code, int first, UnitProfile latest, UnitIdentity? parent)
{
    private readonly SortedDictionary<int, List<UnitIdentity>> _childrenByList = [];

    public string Code { get; } = code;

    public int First { get; } = first;

    public int Last { get; set; } = first;

    /// <summary>The unit as the latest list holding it describes it.</summary>
    public UnitProfile Latest { get; set; } = latest;

    public UnitIdentity? Parent { get; } = parent;

    public DateOnly? ValidFrom { get; private set; }

    public DateOnly? ValidUntil { get; private set; }

    public string Key { get; private set; } = code;

    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    public bool Ended => ValidUntil is not null;

    /// <summary>The province the unit lies in (itself for a province; null for the nation).</summary>
    public UnitIdentity? Province => Parent is null ? null : Parent.Parent is null ? this : Parent.Province;

    public IEnumerable<UnitIdentity> Ancestors => Parent is null ? [] : Parent.Ancestors.Append(Parent);

    public bool IsUnder(UnitIdentity other) => Parent is { } p && (p == other || p.IsUnder(other));

    public void AddChild(int list, UnitIdentity child)
    {
        if (!_childrenByList.TryGetValue(list, out var children))
        {
            _childrenByList[list] = children = [];
        }

        children.Add(child);
    }

    /// <summary>Today's children first, in the order of the latest list; then those of earlier lists.</summary>
    public IEnumerable<UnitIdentity> Children => _childrenByList.Reverse().SelectMany(l => l.Value).Distinct();

    public void Date(IReadOnlyList<HierarchyEdition> editions)
    {
        ValidFrom = First == 0 ? null : editions[First].EffectiveFrom;
        ValidUntil = Last == editions.Count - 1 ? null : editions[Last + 1].EffectiveFrom.AddDays(-1);
        Key = UnitCode.KeyOf(Code, ValidUntil);
    }

    public UnitRef ToRef() => new(Key, Latest.Name, Latest.Kind, ValidFrom, ValidUntil);

    public UnitProfile ToProfile(Succession lineage) => new(
        Key,
        Latest.Name,
        Latest.Kind,
        Latest.OfficialKind,
        Parent?.Key,
        [.. Ancestors.Select(a => a.ToRef())],
        [.. Children.Select(c => c.ToRef())],
        Latest.ShortName,
        Latest.NameEn,
        Latest.Hierarchy,
        ValidFrom,
        ValidUntil,
        lineage.PredecessorsOf(this),
        lineage.SuccessorsOf(this),
        lineage.CarriedInto(this) is { } heir ? [.. heir.Ancestors.Select(a => a.ToRef()), heir.ToRef()] : null,
        CarryingChildren(lineage));

    private Dictionary<string, int>? CarryingChildren(Succession lineage)
    {
        var carrying = Children
            .Select(c => (c.Key, Last: (lineage.PredecessorsOf(c) ?? []).Where(l => l.Counted).Select(l => l.On.AddDays(-1).Year).DefaultIfEmpty(0).Max()))
            .Where(c => c.Last > 0)
            .ToDictionary(c => c.Key, c => c.Last, StringComparer.Ordinal);
        return carrying.Count > 0 ? carrying : null;
    }
}

/// <summary>
/// Tells which units of consecutive lists are one unit (<see cref="HierarchyTimeline"/>'s rule).
/// Between lists no map links, a unit keeps its code through a rename or a change of rank (tỉnh
/// Thừa Thiên Huế became thành phố Huế in 2025 with code 46), so there code, kind and parent decide.
/// </summary>
internal sealed class Identities
{
    private Identities(IReadOnlyList<UnitIdentity> all, IReadOnlyList<Dictionary<string, UnitIdentity>> byList)
    {
        All = all;
        ByList = byList;
    }

    public IReadOnlyList<UnitIdentity> All { get; }

    /// <summary>For each list, the unit each of its codes names.</summary>
    public IReadOnlyList<Dictionary<string, UnitIdentity>> ByList { get; }

    public UnitIdentity Today(string code) => ByList[^1][code];

    public static Identities Assign(IReadOnlyList<HierarchySnapshot> snapshots, IReadOnlyList<MergeRow> map)
    {
        // A unit of today continues one of the last 3-level list only if the map makes it of that unit alone, wholly.
        var soleContinuations = map
            .GroupBy(r => (r.NewLevel, r.NewCode))
            .Where(g => g.Count() == 1 && g.Single() is { Partial: false } row && row.OldCode == row.NewCode && row.OldName == row.NewName)
            .Select(g => g.Key.NewCode)
            .ToHashSet(StringComparer.Ordinal);

        var all = new List<UnitIdentity>();
        var byList = new List<Dictionary<string, UnitIdentity>>(snapshots.Count);
        for (var k = 0; k < snapshots.Count; k++)
        {
            var codes = new Dictionary<string, UnitIdentity>(snapshots[k].Units.Count, StringComparer.Ordinal);
            var previous = k > 0 ? byList[k - 1] : null;
            var acrossReform = k > 0 && snapshots[k].Units.All(u => u.Kind != UnitKind.District) && snapshots[k - 1].Units.Any(u => u.Kind == UnitKind.District);
            foreach (var unit in snapshots[k].Units)
            {
                var parent = unit.ParentCode is { } p ? codes[p] : null;
                UnitIdentity identity;
                if (previous?.GetValueOrDefault(unit.Code) is { } earlier && earlier.Last == k - 1
                    && earlier.Latest.Kind == unit.Kind && earlier.Parent == parent
                    && (!acrossReform
                        || (earlier.Latest.Name == unit.Name && (unit.Kind is UnitKind.Nation or UnitKind.Department || soleContinuations.Contains(unit.Code)))))
                {
                    identity = earlier;
                    identity.Last = k;
                    identity.Latest = unit;
                }
                else
                {
                    identity = new UnitIdentity(unit.Code, k, unit, parent);
                    all.Add(identity);
                }

                codes[unit.Code] = identity;
                parent?.AddChild(k, identity);
            }

            byList.Add(codes);
        }

        var editions = snapshots.Select(s => s.Edition).ToList();
        foreach (var identity in all)
        {
            identity.Date(editions);
        }

        return new Identities(all, byList);
    }
}
