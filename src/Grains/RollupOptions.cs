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

    /// <summary>
    /// The campaign years the live rollup keeps, pushed up the tree on every event; empty means last
    /// year and this year on the campaign clock — the years still worked on and chased. Older years
    /// change only by late entry: they are scored from the dated facts (<see cref="DailySeries"/>),
    /// so every event does not carry them up the tree.
    /// </summary>
    public int[] Years { get; set; } = [];

    /// <summary>The first year scored: the 2021–2025 programme's first, the oldest data the system holds.</summary>
    public int FirstYear { get; set; } = 2021;

    /// <summary>Whether <paramref name="year"/> is scored: a live year, or any year from <see cref="FirstYear"/> to this one.</summary>
    public bool Scores(int year, DateOnly today) => (year >= FirstYear && year <= today.Year) || YearsOn(today).Contains(year);

    public int EscalationGraceDays { get; set; } = EscalationPolicy.Default.GraceDays;

    public ScoreWeights Weights { get; set; } = new();

    public IReadOnlyList<int> YearsOn(DateOnly today) => Years.Length > 0 ? [.. Years.Order()] : [today.Year - 1, today.Year];
}
