namespace UnitGrains.Domain;

/// <summary>
/// What a unit counts on its own for a campaign year on a day — the live rollup's input today, and
/// on every past day the history rebuilt from the campaign's dated facts: one rule for both.
/// </summary>
public static class OwnCounts
{
    /// <summary>The escalations a unit raises on <paramref name="today"/> for what it owes (none for a year no longer chased).</summary>
    public static IReadOnlyList<Escalation> OpenEscalations(UnitProfile unit, Duty duty, Campaign? campaign, DateOnly today, EscalationPolicy policy, IReadOnlyDictionary<string, Acknowledgement>? acknowledged = null) =>
        !EscalationPolicy.Chases(duty.Year, today) ? [] : policy.Of(unit, duty, campaign, today, acknowledged);

    /// <summary>The unit's own counts: what it owes in the year (<paramref name="duty"/>) against what it did.</summary>
    public static IndicatorCounts On(Duty duty, Campaign? campaign, DateOnly today, int openEscalations) =>
        IndicatorCounts.Own(duty, campaign, today, openEscalations);

    /// <summary>
    /// The unit's own counts for the duty's year day by day, as the campaign's dated facts say
    /// things happened — whenever they were entered.
    /// </summary>
    public static DailySeries History(UnitProfile unit, Duty duty, Campaign? campaign, EscalationPolicy policy)
    {
        DateOnly[] bounds = [duty.Span?.From ?? new DateOnly(duty.Year, 1, 1), new DateOnly(duty.Year + 2, 1, 1)];
        return DailySeries.Of(
            bounds.Concat(duty.FactDays(campaign?.Plan)).Concat(campaign?.FactDays() ?? []),
            day =>
            {
                var then = campaign?.AsOf(day);
                return On(duty, then, day, OpenEscalations(unit, duty, then, day, policy).Count);
            });
    }
}
