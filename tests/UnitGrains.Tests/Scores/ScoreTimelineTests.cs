using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Scores;

/// <summary><see cref="ScoreTimeline"/>: last score of each day, and the recent changes, bounded.</summary>
public class ScoreTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2022, 5, 10, 8, 0, 0, TimeSpan.FromHours(7));

    private static readonly DateOnly Day = D(2022, 5, 10);

    private static List<double?> RecentScores(ScoreTimeline timeline) => [.. timeline.Recent.Select(r => r.Score)];

    [Fact]
    public void A_new_timeline_is_empty()
    {
        var timeline = new ScoreTimeline();

        Assert.Empty(timeline.Daily);
        Assert.Empty(timeline.Recent);
    }

    [Fact]
    public void Record_returns_true_only_for_the_first_score_of_a_day()
    {
        var timeline = new ScoreTimeline();

        Assert.True(timeline.Record(T0, Day, 50));
        Assert.False(timeline.Record(T0.AddHours(1), Day, 60));
        Assert.False(timeline.Record(T0.AddHours(2), Day, 60));
        Assert.True(timeline.Record(T0.AddDays(1), Day.AddDays(1), 60));
        Assert.False(timeline.Record(T0.AddDays(1).AddMinutes(1), Day.AddDays(1), 61));
    }

    [Fact]
    public void Daily_keeps_the_last_score_of_each_day()
    {
        var timeline = new ScoreTimeline();

        timeline.Record(T0, Day, 50);
        timeline.Record(T0.AddHours(3), Day, 55.5);
        timeline.Record(T0.AddDays(1), Day.AddDays(1), 70);
        timeline.Record(T0.AddDays(1).AddHours(1), Day.AddDays(1), null);
        timeline.Record(T0.AddDays(3), Day.AddDays(3), 20);

        Assert.Equal(new Dictionary<DateOnly, double?> { [Day] = 55.5, [Day.AddDays(1)] = null, [Day.AddDays(3)] = 20 }, timeline.Daily);
    }

    [Fact]
    public void A_stored_daily_series_is_continued_not_restarted()
    {
        var stored = new Dictionary<DateOnly, double?> { [Day.AddDays(-1)] = 40, [Day] = 45 };
        var timeline = new ScoreTimeline(stored);

        Assert.False(timeline.Record(T0, Day, 47));
        Assert.Equal(47, timeline.Daily[Day]);
        Assert.Equal(40, timeline.Daily[Day.AddDays(-1)]);
        Assert.True(timeline.Record(T0.AddDays(1), Day.AddDays(1), 48));
    }

    [Fact]
    public void Recent_keeps_changes_only()
    {
        var timeline = new ScoreTimeline();
        double?[] scores = [50, 50, 60, 60, 60, null, null, 50, 50];

        for (var i = 0; i < scores.Length; i++)
        {
            timeline.Record(T0.AddMinutes(i), Day, scores[i]);
        }

        Assert.Equal([50, 60, null, 50], RecentScores(timeline));
        Assert.Equal([T0, T0.AddMinutes(2), T0.AddMinutes(5), T0.AddMinutes(7)], timeline.Recent.Select(r => r.At));
    }

    [Fact]
    public void Recent_is_bounded_by_its_maximum_size_dropping_the_oldest()
    {
        var timeline = new ScoreTimeline();
        var count = ScoreTimeline.MaxRecent + 123;

        for (var i = 0; i < count; i++)
        {
            timeline.Record(T0.AddSeconds(i), Day, i % 2 == 0 ? i : -i);
        }

        var recent = timeline.Recent.ToList();
        Assert.Equal(ScoreTimeline.MaxRecent, recent.Count);
        Assert.Equal(T0.AddSeconds(123), recent[0].At);
        Assert.Equal(T0.AddSeconds(count - 1), recent[^1].At);
    }

    [Fact]
    public void Recent_forgets_changes_older_than_the_window()
    {
        Assert.Equal(TimeSpan.FromHours(6), ScoreTimeline.RecentWindow);
        var timeline = new ScoreTimeline();

        timeline.Record(T0, Day, 10);
        timeline.Record(T0.AddHours(1), Day, 20);
        timeline.Record(T0.AddHours(6), Day, 30);  // exactly 6 h after the first: it is kept
        Assert.Equal([10, 20, 30], RecentScores(timeline));

        timeline.Record(T0.AddHours(6).AddTicks(1), Day, 40);
        Assert.Equal([20, 30, 40], RecentScores(timeline));

        timeline.Record(T0.AddHours(13), Day, 50);
        Assert.Equal([50], RecentScores(timeline));
    }

    [Fact]
    public void Many_changes_within_the_window_and_the_bound_are_all_kept_in_order()
    {
        var timeline = new ScoreTimeline();
        var rng = new Random(7);
        var expected = new List<double?>();
        double? last = -1;
        for (var i = 0; i < 400; i++)
        {
            double? score = rng.Next(0, 4) == 0 ? null : Math.Round(rng.NextDouble() * 100, 2);
            if (score != last)
            {
                expected.Add(score);
                last = score;
            }

            timeline.Record(T0.AddSeconds(i * 30), Day, score);
        }

        Assert.Equal(expected, RecentScores(timeline));
    }
}
