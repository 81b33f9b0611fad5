using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>What the live rollup says of a unit: scores, rankings of its children, history, open escalations.</summary>
public interface IScoresGrain : IGrainWithStringKey
{
    /// <summary>
    /// Scores for a campaign year (null: the current year on the campaign clock), on the hierarchy in
    /// force for that year — the unit must have been in force in it — or, <paramref name="throughToday"/>,
    /// through today's units: the unit must be in force today, and the year is whatever it was.
    /// Either way the subtree includes the work of the units that ended into this one.
    /// </summary>
    Task<Outcome<UnitScores>> GetScoresAsync(int? year, bool throughToday = false);

    /// <summary>
    /// The unit's children ranked by their subtree score (rankings among siblings): the children in
    /// force at the end of the year, or, <paramref name="throughToday"/>, today's children.
    /// </summary>
    Task<Outcome<IReadOnlyList<ChildScore>>> GetChildrenScoresAsync(int? year, bool throughToday = false);

    /// <summary>The unit's subtree counts for a scored year with the work carried into it (what a parent's ranking shows).</summary>
    Task<IndicatorCounts> GetComposedCountsAsync(int year);

    /// <summary>The subtree score day by day over a campaign year, rebuilt from the dated facts (with the work carried into the unit), and its recent moves.</summary>
    Task<Outcome<ScoreHistory>> GetHistoryAsync(int? year);

    /// <summary>The subtree's counts over a campaign year as its dated facts say they moved (what a parent's history sums).</summary>
    Task<DailySeries> GetDailyAsync(int year);

    /// <summary>A page of the open escalations of the unit's subtree, oldest first, with their total.</summary>
    Task<Outcome<EscalationPage>> GetEscalationsAsync(PageRequest page, EscalationFilter? filter = null);
}
