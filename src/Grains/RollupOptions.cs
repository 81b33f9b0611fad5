using UnitGrains.Domain;

namespace UnitGrains;

/// <summary>How scores roll up the tree (configuration section <c>UnitGrains:Rollup</c>).</summary>
public sealed class RollupOptions
{
    public const string Section = "UnitGrains:Rollup";

    /// <summary>
    /// A unit publishes its subtree summary at most once per interval: the first change goes out at
    /// once, later ones within the interval are folded into one publish at its end. 0 publishes
    /// every change (the uncoalesced baseline of the benchmarks).
    /// </summary>
    public int CoalesceMilliseconds { get; set; } = 50;

    /// <summary>Every interval (with jitter) a unit pulls its children's summaries, healing any lost update.</summary>
    public int ReconcileSeconds { get; set; } = 60;

    /// <summary>How often a unit re-evaluates deadlines (an Orleans reminder; at least 1 minute).</summary>
    public int DeadlineCheckMinutes { get; set; } = 60;

    /// <summary>The campaign years scored; empty means last year and this year on the campaign clock.</summary>
    public int[] Years { get; set; } = [];

    public int EscalationGraceDays { get; set; } = EscalationPolicy.Default.GraceDays;

    public ScoreWeights Weights { get; set; } = new();

    public IReadOnlyList<int> YearsOn(DateOnly today) => Years.Length > 0 ? [.. Years.Order()] : [today.Year - 1, today.Year];
}
