using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

/// <summary><see cref="ScoreTimeline"/>: the recent changes, bounded.</summary>
public class ScoreTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2022, 5, 10, 8, 0, 0, TimeSpan.FromHours(7));

    private static List<double?> RecentScores(ScoreTimeline timeline) => [.. timeline.Recent.Select(r => r.Score)];

    [Fact]
    public void A_new_timeline_is_empty() => Assert.Empty(new ScoreTimeline().Recent);

    [Fact]
    public void Recent_keeps_changes_only()
    {
        var timeline = new ScoreTimeline();
        double?[] scores = [50, 50, 60, 60, 60, null, null, 50, 50];

        for (var i = 0; i < scores.Length; i++)
        {
            timeline.Record(T0.AddMinutes(i), scores[i]);
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
            timeline.Record(T0.AddSeconds(i), i % 2 == 0 ? i : -i);
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

        timeline.Record(T0, 10);
        timeline.Record(T0.AddHours(1), 20);
        timeline.Record(T0.AddHours(6), 30);  // exactly 6 h after the first: it is kept
        Assert.Equal([10, 20, 30], RecentScores(timeline));

        timeline.Record(T0.AddHours(6).AddTicks(1), 40);
        Assert.Equal([20, 30, 40], RecentScores(timeline));

        timeline.Record(T0.AddHours(13), 50);
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

            timeline.Record(T0.AddSeconds(i * 30), score);
        }

        Assert.Equal(expected, RecentScores(timeline));
    }
}
