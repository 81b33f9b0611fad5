namespace UnitGrains.Domain;

/// <summary>
/// A unit's subtree score as it moved in the last hours (kept in memory, bounded), for live charts.
/// The campaign year day by day is not recorded here: it is rebuilt from the dated facts
/// (<see cref="DailySeries"/>), so it says when things happened rather than when they were entered.
/// </summary>
public sealed class ScoreTimeline
{
    public const int MaxRecent = 500;

    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(6);

    private readonly Queue<(DateTimeOffset At, double? Score)> _recent = new();
    private (DateTimeOffset At, double? Score)? _last;

    public IEnumerable<(DateTimeOffset At, double? Score)> Recent => _recent;

    /// <summary>Records a score; only a change is kept.</summary>
    public void Record(DateTimeOffset at, double? score)
    {
        if (_last is not { } last || last.Score != score)
        {
            _last = (at, score);
            _recent.Enqueue((at, score));
        }

        // The newest point stays whatever its age: it is the current value of the series.
        while (_recent.Count > MaxRecent || (_recent.Count > 1 && at - _recent.Peek().At > RecentWindow))
        {
            _recent.Dequeue();
        }
    }
}
