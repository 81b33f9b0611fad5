namespace UnitGrains.Domain;

/// <summary>
/// A unit's subtree score over time: the last value of each day (kept for the campaign year, and
/// stored) and every change of the last hours (kept in memory, bounded).
/// </summary>
public sealed class ScoreTimeline
{
    public const int MaxRecent = 500;

    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(6);

    private readonly Queue<(DateTimeOffset At, double? Score)> _recent = new();
    private (DateTimeOffset At, double? Score)? _last;

    public ScoreTimeline(Dictionary<DateOnly, double?>? daily = null) => Daily = daily ?? [];

    /// <summary>Last score of each day (Vietnam date).</summary>
    public Dictionary<DateOnly, double?> Daily { get; }

    public IEnumerable<(DateTimeOffset At, double? Score)> Recent => _recent;

    /// <summary>Records a score; returns true when it starts a new day, i.e. the daily series should be stored.</summary>
    public bool Record(DateTimeOffset at, DateOnly day, double? score)
    {
        var newDay = !Daily.ContainsKey(day);
        Daily[day] = score;
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

        return newDay;
    }
}
