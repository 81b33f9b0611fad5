namespace UnitGrains.Domain;

/// <summary>
/// What a unit counts on its own for a campaign year on a day — the live rollup's input today, and
/// on every past day the history rebuilt from the campaign's dated facts: one rule for both.
/// </summary>
public static class OwnCounts
{
    /// <summary>The escalations a unit's campaign raises on <paramref name="today"/> (none for a year no longer chased).</summary>
    public static IReadOnlyList<Escalation> OpenEscalations(UnitProfile unit, Campaign? campaign, DateOnly today, EscalationPolicy policy) =>
        campaign is null || !EscalationPolicy.Chases(campaign.Year, today) ? [] : policy.Of(unit.Code, campaign, today, unit.Ancestors.Count);

    /// <summary>The unit's own counts: a unit owes the plans of the years it was in force, from its first day in them.</summary>
    public static IndicatorCounts On(UnitProfile unit, int year, Campaign? campaign, DateOnly today, int openEscalations) =>
        IndicatorCounts.Own(year, campaign, unit.ExpectsPlan && unit.InForceDuring(year), today, openEscalations, unit.ValidFrom);

    /// <summary>
    /// The unit's own counts for <paramref name="year"/> day by day, as the campaign's dated facts
    /// say things happened — whenever they were entered.
    /// </summary>
    public static DailySeries History(UnitProfile unit, int year, Campaign? campaign, EscalationPolicy policy)
    {
        DateOnly[] bounds = [IndicatorCounts.PlanOwedFrom(year, unit.ValidFrom), new DateOnly(year + 2, 1, 1)];
        return DailySeries.Of(
            bounds.Concat(campaign?.FactDays() ?? []),
            day =>
            {
                var then = campaign?.AsOf(day);
                return On(unit, year, then, day, OpenEscalations(unit, then, day, policy).Count);
            });
    }
}
