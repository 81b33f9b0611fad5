namespace UnitGrains.Domain;

/// <summary>
/// How one part of a watched unit's subtree changed between two notifications: the unit itself
/// (its own counts) or one of its children (that child's whole subtree). Every number is a
/// difference of counts the rollup already holds, so it says exactly what the summaries say and
/// no more: a province learns "commune X: one more task done", not which task.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitActivity(
    string Code,
    string? Name,
    int Year,
    int PlansIssued,
    int TasksDue,
    int TasksDone,
    int ReportsSubmitted,
    int OpenEscalations)
{
    /// <summary>
    /// The changes from <paramref name="before"/> to <paramref name="after"/> (counts per part of the
    /// subtree, keyed by unit code), one entry per part and year whose watched counts moved.
    /// </summary>
    public static IReadOnlyList<UnitActivity> Between(
        IReadOnlyDictionary<string, IReadOnlyList<YearCounts>> before,
        IReadOnlyDictionary<string, IReadOnlyList<YearCounts>> after,
        Func<string, string?> nameOf)
    {
        var changes = new List<UnitActivity>();
        foreach (var (code, now) in after)
        {
            var then = before.GetValueOrDefault(code) ?? [];
            foreach (var year in now)
            {
                var old = Find(then, year.Year);
                var change = new UnitActivity(
                    code,
                    nameOf(code),
                    year.Year,
                    year.Counts.PlansIssued - old.PlansIssued,
                    year.Counts.TasksDue - old.TasksDue,
                    year.Counts.TasksDone - old.TasksDone,
                    year.Counts.ReportsSubmitted - old.ReportsSubmitted,
                    year.Counts.OpenEscalations - old.OpenEscalations);
                if (!change.IsEmpty)
                {
                    changes.Add(change);
                }
            }
        }

        changes.Sort((a, b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : string.CompareOrdinal(a.Code, b.Code));
        return changes;
    }

    public bool IsEmpty => PlansIssued == 0 && TasksDue == 0 && TasksDone == 0 && ReportsSubmitted == 0 && OpenEscalations == 0;

    private static IndicatorCounts Find(IReadOnlyList<YearCounts> years, int year)
    {
        foreach (var y in years)
        {
            if (y.Year == year)
            {
                return y.Counts;
            }
        }

        return IndicatorCounts.Zero;
    }
}
