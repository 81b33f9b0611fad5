using UnitGrains.Domain;

namespace UnitGrains.Hierarchy;

/// <summary>
/// Where each unit that ended went, from the 2025 merge map, and where its work is counted when a
/// past year is viewed through today's units. Every unit that ended is carried by exactly one unit
/// of today, always inside the province its own province went into, so a province's past equals the
/// sum of its predecessors' and nothing is counted twice or dropped:
/// <list type="bullet">
/// <item>a province: the province the map merges it into;</item>
/// <item>a commune: the commune it went into wholly, or — split between several (<c>partial</c>
/// rows only) — the one that kept its code, else the first the map lists; a successor outside its
/// province's successor is shown but not counted (the work stays with the province);</item>
/// <item>a department of a province: its province's successor's department of the same name, if
/// there is one;</item>
/// <item>anything else (districts, their departments, communes merged before March 2025,
/// departments abolished): where its parent went (<see cref="LinkKind.Absorbed"/>) — for most, the
/// province its province went into.</item>
/// </list>
/// </summary>
internal sealed class Succession
{
    private readonly Dictionary<UnitIdentity, UnitIdentity> _carry = [];
    private readonly Dictionary<UnitIdentity, List<LineageLink>> _predecessors = [];
    private readonly Dictionary<UnitIdentity, List<LineageLink>> _successors = [];
    private readonly List<MergeRow> _unmatched = [];

    public IReadOnlyList<MergeRow> Unmatched => _unmatched;

    public IReadOnlyList<LineageLink>? PredecessorsOf(UnitIdentity unit) => _predecessors.GetValueOrDefault(unit);

    public IReadOnlyList<LineageLink>? SuccessorsOf(UnitIdentity unit) => _successors.GetValueOrDefault(unit);

    /// <summary>The unit of today that carries the work of a unit that ended.</summary>
    public UnitIdentity? CarriedInto(UnitIdentity unit) => _carry.GetValueOrDefault(unit);

    public static Succession Derive(Identities identities, IReadOnlyList<HierarchySnapshot> snapshots, IReadOnlyList<MergeRow> map)
    {
        var succession = new Succession();
        if (identities.ByList.Count < 2)
        {
            return succession;
        }

        var today = identities.ByList[^1];
        var todayByName = today.Values.Distinct().ToLookup(u => (u.Latest.Name, u.Latest.Kind));
        var rows = new Dictionary<UnitIdentity, List<(MergeRow Row, UnitIdentity Into)>>();
        var provinceInto = new Dictionary<UnitIdentity, UnitIdentity>();
        foreach (var row in map.OrderBy(r => r.NewLevel))
        {
            var old = FindOld(identities, row.OldCode);
            if (old is null)
            {
                // Both sides absent is a list cut to some provinces; only a row whose new side is held is unmatched.
                if (today.ContainsKey(row.NewCode))
                {
                    succession._unmatched.Add(row);
                }

                continue;
            }

            var into = today.GetValueOrDefault(row.NewCode);
            if (into is null || into.Latest.Name != row.NewName)
            {
                // The list and the map disagree on a code (data/README.md names two): match the name within the province the old one went into.
                var kind = row.NewLevel == 1 ? UnitKind.Province : UnitKind.Commune;
                var expected = old.Province is { } p ? provinceInto.GetValueOrDefault(p) ?? (p.Ended ? null : p) : null;
                into = todayByName[(row.NewName, kind)].FirstOrDefault(u => expected is null || u.Province == expected) ?? into;
            }

            if (into is null)
            {
                succession._unmatched.Add(row);
                continue;
            }

            if (into == old)
            {
                continue;
            }

            if (!rows.TryGetValue(old, out var list))
            {
                rows[old] = list = [];
            }

            list.Add((row, into));
            if (row.NewLevel == 1)
            {
                provinceInto[old] = into;
            }
        }

        foreach (var unit in identities.All.Where(u => u.Ended).OrderBy(u => u.Depth))
        {
            var province = unit.Province;
            var provinceSuccessor = province is null ? null : province.Ended ? provinceInto.GetValueOrDefault(province) : province;
            if (provinceSuccessor is null)
            {
                continue;
            }

            var mapped = rows.GetValueOrDefault(unit) ?? [];
            var carry = unit == province
                ? provinceSuccessor
                : mapped.Count > 0
                    ? Primary(unit, mapped.Where(m => m.Into.Province == provinceSuccessor).ToList()) ?? provinceSuccessor
                    : unit.Latest.Kind == UnitKind.Department && unit.Parent == province && DepartmentOf(today, provinceSuccessor, unit) is { } department
                        ? department
                        : unit.Parent is { Ended: false } inForce ? inForce : succession._carry.GetValueOrDefault(unit.Parent!) ?? provinceSuccessor;
            succession._carry[unit] = carry;
            var on = unit.ValidUntil!.Value.AddDays(1);
            var links = mapped.Select(m => Link(m.Into, on, m.Row.Partial ? LinkKind.Partial : LinkKind.Full, m.Into == carry)).ToList();
            if (mapped.All(m => m.Into != carry))
            {
                links.Add(Link(carry, on, carry.Latest.Kind == UnitKind.Department ? LinkKind.Full : LinkKind.Absorbed, counted: true));
            }

            succession._successors[unit] = links;
        }

        // The other side of each link: official rows and departments on the unit of today, with the units whose work it carries
        // marked counted — only those not already inside it, nor inside another unit it carries.
        foreach (var (unit, carry) in succession._carry)
        {
            var counted = !unit.IsUnder(carry) && !unit.Ancestors.Any(a => a.Ended && succession._carry.GetValueOrDefault(a) == carry && !a.IsUnder(carry));
            var mapped = rows.GetValueOrDefault(unit) ?? [];
            foreach (var (row, into) in mapped)
            {
                succession.AddPredecessor(into, Link(unit, unit.ValidUntil!.Value.AddDays(1), row.Partial ? LinkKind.Partial : LinkKind.Full, counted && into == carry));
            }

            if (counted && mapped.All(m => m.Into != carry))
            {
                succession.AddPredecessor(carry, Link(unit, unit.ValidUntil!.Value.AddDays(1), carry.Latest.Kind == UnitKind.Department ? LinkKind.Full : LinkKind.Absorbed, counted: true));
            }
        }

        return succession;
    }

    /// <summary>Of the successors inside the right province: the one it went into wholly, else the one that kept its code, else the first listed.</summary>
    private static UnitIdentity? Primary(UnitIdentity unit, List<(MergeRow Row, UnitIdentity Into)> candidates) =>
        candidates.FirstOrDefault(c => !c.Row.Partial).Into
        ?? candidates.FirstOrDefault(c => c.Into.Code == unit.Code).Into
        ?? candidates.FirstOrDefault().Into;

    private static UnitIdentity? DepartmentOf(Dictionary<string, UnitIdentity> today, UnitIdentity province, UnitIdentity department)
    {
        var abbreviation = department.Code[(department.Code.IndexOf('-') + 1)..];
        return today.GetValueOrDefault(UnitCode.ForDepartment(province.Code, abbreviation));
    }

    private static UnitIdentity? FindOld(Identities identities, string code)
    {
        for (var k = identities.ByList.Count - 2; k >= 0; k--)
        {
            if (identities.ByList[k].GetValueOrDefault(code) is { } unit)
            {
                return unit;
            }
        }

        return null;
    }

    private static LineageLink Link(UnitIdentity other, DateOnly on, LinkKind how, bool counted) =>
        new(other.Key, other.Latest.Name, other.Latest.Kind, on, how, counted);

    private void AddPredecessor(UnitIdentity unit, LineageLink link)
    {
        if (!_predecessors.TryGetValue(unit, out var list))
        {
            _predecessors[unit] = list = [];
        }

        list.Add(link);
    }
}
