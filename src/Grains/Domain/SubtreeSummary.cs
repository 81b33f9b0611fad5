namespace UnitGrains.Domain;

/// <summary>The counts of one campaign year.</summary>
[GenerateSerializer, Immutable, Alias("ug.YearCounts")]
public readonly record struct YearCounts(int Year, IndicatorCounts Counts);

/// <summary>
/// What a unit tells its parent: the counts of its whole subtree for each scored year and the
/// oldest open escalations in it, stamped with a version that only grows. Summaries are
/// state, not deltas: the newest one replaces the older, so a duplicate or out-of-order delivery
/// is harmless and a lost one is healed by the next (or by the parent pulling).
/// <paramref name="ChangedAt"/> is when the oldest change in it that no earlier summary of this
/// unit carried happened (system clock), anywhere in the subtree; null when it carries no such
/// change or its time is unknown. The parent measures propagation latency from it.
/// <paramref name="PastChanged"/> is the latest time (ticks) any campaign of a year the live rollup
/// does not keep changed in the subtree: those years are read from the dated facts, and a change
/// of it is what tells the units above to ask their history again.
/// </summary>
[GenerateSerializer, Immutable, Alias("ug.SubtreeSummary")]
public sealed record SubtreeSummary(string Code, long Version, IReadOnlyList<YearCounts> Years, IReadOnlyList<Escalation> OldestEscalations, DateTimeOffset? ChangedAt = null, long PastChanged = 0)
{
    public IndicatorCounts For(int year)
    {
        // Indexed: a foreach over the interface boxes an enumerator, and this runs for every summary folded.
        for (var i = 0; i < Years.Count; i++)
        {
            if (Years[i].Year == year)
            {
                return Years[i].Counts;
            }
        }

        return IndicatorCounts.Zero;
    }
}
