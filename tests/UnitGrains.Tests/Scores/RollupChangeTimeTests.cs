using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

/// <summary>
/// The change time a summary carries upward (<see cref="SubtreeSummary.ChangedAt"/>), from which
/// each level measures propagation latency: the oldest change not yet told, kept through
/// coalescing, failed publishes and several hops, and never invented for a summary carrying no change.
/// </summary>
public class RollupChangeTimeTests
{
    private static readonly int[] Years = [2026];
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static IndicatorCounts Done(int done) => IndicatorCounts.Zero with { TasksDue = 10, TasksDone = done };

    private static DateTimeOffset At(int ms) => T0.AddMilliseconds(ms);

    private static Rollup New(string code) => new(code, Years);

    private static SubtreeSummary Child(string code, long version, int done, DateTimeOffset? changedAt) =>
        new(code, version, [new YearCounts(2026, Done(done))], [], changedAt);

    [Fact]
    public void A_summary_carries_the_time_of_the_own_change_it_reports()
    {
        var rollup = New("01001");
        rollup.SetOwn([Done(1)], [], At(0));

        var summary = rollup.Publish(1);

        Assert.Equal(At(0), summary.ChangedAt);
        Assert.Null(rollup.ChangedSince);
    }

    [Fact]
    public void Coalesced_changes_travel_with_the_oldest_time_and_the_next_summary_starts_afresh()
    {
        var rollup = New("01001");
        rollup.SetOwn([Done(1)], [], At(0));
        rollup.SetOwn([Done(2)], [], At(300));
        rollup.SetOwn([Done(3)], [], At(600));

        Assert.Equal(At(0), rollup.Publish(1).ChangedAt);

        rollup.SetOwn([Done(4)], [], At(900));
        Assert.Equal(At(900), rollup.Publish(2).ChangedAt);
    }

    [Fact]
    public void A_summary_without_a_change_carries_no_time()
    {
        var rollup = New("01001");
        rollup.SetOwn([Done(1)], [], At(0));
        rollup.Publish(1);

        // Unchanged counts are no change; a re-announcement (reactivation, reconcile) carries nothing.
        Assert.False(rollup.SetOwn([Done(1)], [], At(500)));
        Assert.Null(rollup.Publish(2).ChangedAt);
        Assert.Null(New("01002").Publish(1).ChangedAt);
    }

    [Fact]
    public void A_child_change_older_than_the_own_change_sets_the_time_and_a_newer_one_does_not()
    {
        var older = New("010");
        older.SetOwn([Done(1)], [], At(500));
        older.ApplyChild(Child("01001", 1, 5, At(100)));
        Assert.Equal(At(100), older.Publish(1).ChangedAt);

        var newer = New("010");
        newer.SetOwn([Done(1)], [], At(500));
        newer.ApplyChild(Child("01001", 1, 5, At(800)));
        Assert.Equal(At(500), newer.Publish(1).ChangedAt);
    }

    [Fact]
    public void Stale_duplicate_and_unchanged_child_summaries_do_not_move_the_time()
    {
        var rollup = New("010");
        rollup.ApplyChild(Child("01001", 5, 5, At(1_000)));
        rollup.Publish(1);

        Assert.False(rollup.ApplyChild(Child("01001", 4, 9, At(0))));      // older version
        Assert.False(rollup.ApplyChild(Child("01001", 5, 5, At(0))));      // duplicate
        Assert.False(rollup.ApplyChild(Child("01001", 6, 5, At(0))));      // newer, same content
        Assert.Null(rollup.ChangedSince);
        Assert.Null(rollup.Publish(2).ChangedAt);
    }

    [Fact]
    public void A_pulled_summary_that_changes_the_subtree_brings_its_time()
    {
        var rollup = New("010");
        rollup.ApplyChild(Child("01001", 9, 5, null));
        rollup.Publish(1);

        Assert.True(rollup.ApplyChild(Child("01001", 3, 6, At(200)), authoritative: true));
        Assert.Equal(At(200), rollup.Publish(2).ChangedAt);
    }

    [Fact]
    public void A_failed_publish_keeps_its_time_for_the_retry()
    {
        var rollup = New("01001");
        rollup.SetOwn([Done(1)], [], At(0));
        var unsent = rollup.Publish(1);
        rollup.SetOwn([Done(2)], [], At(400));

        rollup.MarkDirty(unsent.ChangedAt);

        Assert.True(rollup.Dirty);
        Assert.Equal(At(0), rollup.Publish(2).ChangedAt);
    }

    [Fact]
    public void The_oldest_commune_change_reaches_the_nation_through_every_coalescing_level()
    {
        // VN ← province 01 ← district 010 ← communes 01001, 01002; each level coalesces.
        var nation = New("VN");
        var province = New("01");
        var district = New("010");
        var communeA = New("01001");
        var communeB = New("01002");

        communeA.SetOwn([Done(1)], [], At(0));
        communeB.SetOwn([Done(1)], [], At(40));
        communeA.SetOwn([Done(2)], [], At(70));
        district.ApplyChild(communeB.Publish(1));   // told at 50: carries 40
        district.ApplyChild(communeA.Publish(1));   // told at 80: carries 0 (coalesced with 70)
        province.ApplyChild(district.Publish(1));
        var atNation = province.Publish(1);
        Assert.True(nation.ApplyChild(atNation));

        Assert.Equal(At(0), atNation.ChangedAt);
        Assert.Equal(Done(3).TasksDone, nation.Subtree(2026).TasksDone);

        // A later change at one commune is measured from its own time, not the first one's.
        communeB.SetOwn([Done(5)], [], At(1_000));
        district.ApplyChild(communeB.Publish(2));
        province.ApplyChild(district.Publish(2));
        Assert.Equal(At(1_000), province.Publish(2).ChangedAt);
    }

    [Fact]
    public void The_earliest_time_wins_whatever_order_children_report_in()
    {
        // A grain applies summaries one at a time; whatever order they arrive in, the oldest wins.
        var times = Enumerable.Range(0, 200).Select(i => At(i * 7 % 1_000)).ToList();
        foreach (var order in new[] { times, [.. Enumerable.Reverse(times)], [.. times.OrderBy(_ => Random.Shared.Next())] })
        {
            var rollup = New("010");
            var n = 0;
            foreach (var time in order)
            {
                rollup.ApplyChild(Child($"c{n}", 1, n++ % 10, time));
            }

            Assert.Equal(times.Min(), rollup.Publish(1).ChangedAt);
        }
    }
}
