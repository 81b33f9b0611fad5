namespace UnitGrains.Domain;

/// <summary>Which hierarchy a campaign year is scored on (docs/architecture.md, "Units in time").</summary>
public static class ScoreYears
{
    /// <summary>
    /// The day whose hierarchy a year is viewed on: its last day — the year's annual report is made by
    /// the units then in force, so 2025 is scored on the 2-level units, with the work of the units
    /// that ended on 30 June carried into their successors — or today, for the year under way.
    /// </summary>
    public static DateOnly HierarchyDate(int year, DateOnly today) => year == today.Year ? today : new DateOnly(year, 12, 31);
}
