using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Scores;

/// <summary>Specific behaviours of <see cref="Rollup"/>; <see cref="RollupPropertyTests"/> holds it to its invariant under faults.</summary>
public class RollupTests
{
    private static readonly int[] Years = [2025, 2026];

    private static IndicatorCounts Tasks(int due, int done = 0) => IndicatorCounts.Zero with { TasksDue = due, TasksDone = done };

    private static SubtreeSummary Child(string code, long version, IndicatorCounts y2025, IndicatorCounts? y2026 = null, params Escalation[] escalations) =>
        new(code, version, [new YearCounts(2025, y2025), new YearCounts(2026, y2026 ?? IndicatorCounts.Zero)], escalations);

    private static Escalation Esc(string origin, int item, DateOnly deadline) => new(origin, 2025, $"task:T{item}", "Nhiệm vụ " + item, deadline, 1);

    private static Rollup New(string code = "01") => new(code, Years);

    [Fact]
    public void A_new_rollup_is_empty_and_dirty()
    {
        var rollup = New();

        Assert.True(rollup.Dirty);
        Assert.Equal(0, rollup.Version);
        Assert.Equal(Years, rollup.Years);
        Assert.All(Years, y => Assert.Equal(IndicatorCounts.Zero, rollup.Subtree(y)));
        Assert.Empty(rollup.ChildCodes);
        Assert.Null(rollup.VersionOf("0101"));
    }

    [Fact]
    public void Subtree_is_own_plus_children_and_unscored_years_are_zero()
    {
        var rollup = New();
        rollup.SetOwn([Tasks(1), Tasks(2)], []);
        rollup.ApplyChild(Child("0101", 1, Tasks(10, 5), Tasks(20)));
        rollup.ApplyChild(Child("0102", 1, Tasks(100)));

        Assert.Equal(Tasks(111, 5), rollup.Subtree(2025));
        Assert.Equal(Tasks(22), rollup.Subtree(2026));
        Assert.Equal(Tasks(1), rollup.Own(2025));
        Assert.Equal(IndicatorCounts.Zero, rollup.Subtree(2024));
        Assert.Equal(IndicatorCounts.Zero, rollup.Own(2027));
    }

    [Fact]
    public void A_child_summary_for_other_years_adds_only_the_scored_years()
    {
        var rollup = New();
        var summary = new SubtreeSummary("0101", 1, [new YearCounts(2024, Tasks(9)), new YearCounts(2026, Tasks(3))], []);

        rollup.ApplyChild(summary);

        Assert.Equal(IndicatorCounts.Zero, rollup.Subtree(2025));
        Assert.Equal(Tasks(3), rollup.Subtree(2026));
        Assert.Equal(IndicatorCounts.Zero, rollup.Subtree(2024));
    }

    [Fact]
    public void A_newer_summary_replaces_the_older_one_it_is_not_added_to_it()
    {
        var rollup = New();

        Assert.True(rollup.ApplyChild(Child("0101", 1, Tasks(10))));
        Assert.True(rollup.ApplyChild(Child("0101", 2, Tasks(4))));

        Assert.Equal(Tasks(4), rollup.Subtree(2025));
        Assert.Equal(2, rollup.VersionOf("0101"));
    }

    [Fact]
    public void A_duplicate_or_older_version_is_ignored()
    {
        var rollup = New();
        rollup.ApplyChild(Child("0101", 5, Tasks(10)));
        rollup.Publish(100);

        Assert.False(rollup.ApplyChild(Child("0101", 5, Tasks(10))));
        Assert.False(rollup.ApplyChild(Child("0101", 5, Tasks(99))));
        Assert.False(rollup.ApplyChild(Child("0101", 3, Tasks(77))));

        Assert.Equal(Tasks(10), rollup.Subtree(2025));
        Assert.Equal(5, rollup.VersionOf("0101"));
        Assert.False(rollup.Dirty);
    }

    [Fact]
    public void An_authoritative_pull_overrides_even_an_older_version()
    {
        var rollup = New();
        rollup.ApplyChild(Child("0101", 500, Tasks(10)));

        Assert.True(rollup.ApplyChild(Child("0101", 3, Tasks(4)), authoritative: true));

        Assert.Equal(Tasks(4), rollup.Subtree(2025));
        Assert.Equal(3, rollup.VersionOf("0101"));

        // After the pull, newer pushes are applied again; older ones still ignored.
        Assert.False(rollup.ApplyChild(Child("0101", 2, Tasks(1))));
        Assert.True(rollup.ApplyChild(Child("0101", 4, Tasks(6))));
        Assert.Equal(Tasks(6), rollup.Subtree(2025));
    }

    [Fact]
    public void An_authoritative_pull_of_a_child_never_heard_of_is_applied()
    {
        var rollup = New();

        Assert.True(rollup.ApplyChild(Child("0101", 1, Tasks(3)), authoritative: true));
        Assert.Equal(Tasks(3), rollup.Subtree(2025));
    }

    [Fact]
    public void The_same_content_with_a_newer_version_changes_nothing_and_does_not_dirty()
    {
        var rollup = New();
        var esc = Esc("0101", 1, D(2025, 3, 1));
        rollup.ApplyChild(Child("0101", 1, Tasks(10), Tasks(1), esc));
        var published = rollup.Publish(10);

        Assert.False(rollup.ApplyChild(Child("0101", 2, Tasks(10), Tasks(1), esc with { }), authoritative: false));
        Assert.False(rollup.ApplyChild(Child("0101", 3, Tasks(10), Tasks(1), esc), authoritative: true));

        Assert.False(rollup.Dirty);
        Assert.Equal(3, rollup.VersionOf("0101"));
        Assert.Same(published, rollup.Current(20));
        Assert.Equal(Tasks(10), rollup.Subtree(2025));
    }

    [Fact]
    public void A_change_only_in_a_year_not_scored_is_no_change()
    {
        var rollup = New();
        rollup.ApplyChild(new SubtreeSummary("0101", 1, [new YearCounts(2024, Tasks(9)), new YearCounts(2025, Tasks(3))], []));
        rollup.Publish(10);

        Assert.False(rollup.ApplyChild(new SubtreeSummary("0101", 2, [new YearCounts(2024, Tasks(40)), new YearCounts(2025, Tasks(3))], [])));

        Assert.False(rollup.Dirty);
        Assert.Equal(2, rollup.VersionOf("0101"));
        Assert.Equal(Tasks(3), rollup.ChildCounts("0101", 2025));
        Assert.Equal(IndicatorCounts.Zero, rollup.ChildCounts("0101", 2024));
    }

    /// <summary>
    /// The parent copies a child's counts and keeps no reference to the summary it folded, so the
    /// summary dies young instead of being copied by the collector (docs/benchmarks.md); an
    /// unchanged escalation list keeps the list already held.
    /// </summary>
    [Fact]
    public void A_folded_summary_is_not_kept()
    {
        var rollup = New();
        var esc = Esc("0101", 1, D(2025, 3, 1));
        rollup.ApplyChild(Child("0101", 1, Tasks(10), null, esc));

        var (summary, escalations) = FoldAndForget(rollup, () => Child("0101", 2, Tasks(12), null, esc with { }));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(summary.IsAlive);
        Assert.False(escalations.IsAlive);
        Assert.Equal(Tasks(12), rollup.Subtree(2025));
        Assert.Equal([esc], rollup.Publish(10).OldestEscalations);
    }

    [Fact]
    public void New_own_counts_with_the_same_escalations_keep_the_list_held()
    {
        var rollup = New();
        var esc = Esc("01", 1, D(2025, 3, 1));
        rollup.SetOwn([Tasks(1), Tasks(0)], [esc]);
        var held = rollup.OwnEscalations;

        Assert.True(rollup.SetOwn([Tasks(2), Tasks(0)], [esc with { }]));
        Assert.Same(held, rollup.OwnEscalations);
        Assert.Equal(Tasks(2), rollup.Own(2025));

        Assert.True(rollup.SetOwn([Tasks(2), Tasks(0)], []));
        Assert.Empty(rollup.OwnEscalations);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Summary, WeakReference Escalations) FoldAndForget(Rollup rollup, Func<SubtreeSummary> make)
    {
        // Made here, so no frame but this one (gone when it returns) refers to it.
        var summary = make();
        Assert.True(rollup.ApplyChild(summary));
        return (new WeakReference(summary), new WeakReference(summary.OldestEscalations));
    }

    [Fact]
    public void A_changed_escalation_list_alone_is_a_change()
    {
        var rollup = New();
        rollup.ApplyChild(Child("0101", 1, Tasks(10)));
        rollup.Publish(10);

        Assert.True(rollup.ApplyChild(Child("0101", 2, Tasks(10), null, Esc("0101", 1, D(2025, 3, 1)))));
        Assert.True(rollup.Dirty);
        Assert.Single(rollup.Publish(11).OldestEscalations);
    }

    [Fact]
    public void SetOwn_with_unchanged_values_returns_false_and_does_not_dirty()
    {
        var rollup = New();
        var esc = Esc("01", 1, D(2025, 3, 1));
        Assert.True(rollup.SetOwn([Tasks(1), Tasks(2)], [esc]));
        rollup.Publish(1);

        Assert.False(rollup.SetOwn([Tasks(1), Tasks(2)], [esc with { }]));
        Assert.False(rollup.SetOwn(new List<IndicatorCounts> { Tasks(1), Tasks(2) }, new List<Escalation> { esc }));
        Assert.False(rollup.Dirty);

        Assert.True(rollup.SetOwn([Tasks(1), Tasks(2)], [esc with { Level = 2 }]));
        Assert.True(rollup.Dirty);
        rollup.Publish(2);
        Assert.True(rollup.SetOwn([Tasks(1), Tasks(3)], [esc with { Level = 2 }]));
        Assert.Equal(Tasks(3), rollup.Subtree(2026));
    }

    [Fact]
    public void SetOwn_of_zero_counts_on_a_new_rollup_is_no_change()
    {
        Assert.False(New().SetOwn([IndicatorCounts.Zero, IndicatorCounts.Zero], []));
    }

    [Fact]
    public void SetOwn_needs_one_count_per_scored_year()
    {
        Assert.Throws<ArgumentException>(() => New().SetOwn([Tasks(1)], []));
    }

    [Fact]
    public void SetOwn_treats_equal_decimals_of_different_scale_as_unchanged()
    {
        var rollup = New();
        rollup.SetOwn([IndicatorCounts.Zero with { OutputAchievement = 1.5m }, IndicatorCounts.Zero], []);
        rollup.Publish(1);

        Assert.False(rollup.SetOwn([IndicatorCounts.Zero with { OutputAchievement = 1.500000m }, IndicatorCounts.Zero], []));
    }

    [Fact]
    public void Versions_strictly_increase_across_publishes_even_if_the_clock_goes_backwards()
    {
        var rollup = New();

        Assert.Equal(1000, rollup.Publish(1000).Version);
        Assert.Equal(1001, rollup.Publish(500).Version);
        Assert.Equal(1002, rollup.Publish(0).Version);
        Assert.Equal(1003, rollup.Publish(1002).Version);
        Assert.Equal(5000, rollup.Publish(5000).Version);
        Assert.Equal(5000, rollup.Version);

        var rng = new Random(3);
        var last = rollup.Version;
        for (var i = 0; i < 1000; i++)
        {
            var v = rollup.Publish(rng.NextInt64(0, 10_000)).Version;
            Assert.True(v > last, $"version {v} after {last}");
            last = v;
        }
    }

    [Fact]
    public void A_new_rollup_after_reactivation_publishes_a_version_at_least_the_clock()
    {
        var clock = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var before = New();
        before.SetOwn([Tasks(1), Tasks(0)], []);
        var old = before.Publish(clock);

        var reactivated = New();
        reactivated.SetOwn([Tasks(1), Tasks(0)], []);
        var fresh = reactivated.Publish(clock + 1);

        Assert.True(fresh.Version >= clock + 1);
        Assert.True(fresh.Version > old.Version);
        Assert.Equal(1, New().Publish(0).Version);
    }

    [Fact]
    public void A_parent_accepts_the_summary_of_a_reactivated_child()
    {
        long clock = 1_000;
        var parent = New("01");
        var child = New("0101");
        child.SetOwn([Tasks(1), Tasks(0)], []);
        parent.ApplyChild(child.Publish(clock++));
        child.SetOwn([Tasks(2), Tasks(0)], []);
        parent.ApplyChild(child.Publish(clock++));

        var reactivated = New("0101");
        reactivated.SetOwn([Tasks(3), Tasks(0)], []);

        Assert.True(parent.ApplyChild(reactivated.Publish(clock++)));
        Assert.Equal(Tasks(3), parent.Subtree(2025));
    }

    [Fact]
    public void Publish_clears_Dirty_and_stamps_the_subtree()
    {
        var rollup = New("01");
        rollup.SetOwn([Tasks(1), Tasks(2)], []);
        rollup.ApplyChild(Child("0101", 1, Tasks(10)));

        var summary = rollup.Publish(42);

        Assert.False(rollup.Dirty);
        Assert.Equal("01", summary.Code);
        Assert.Equal(42, summary.Version);
        Assert.Equal([new YearCounts(2025, Tasks(11)), new YearCounts(2026, Tasks(2))], summary.Years);
        Assert.Equal(Tasks(11), summary.For(2025));
        Assert.Equal(IndicatorCounts.Zero, summary.For(2030));
    }

    [Fact]
    public void Current_leaves_a_dirty_rollup_dirty_and_is_the_published_summary_while_clean()
    {
        var rollup = New();
        var read = rollup.Current(10);
        Assert.Equal(10, read.Version);
        Assert.True(rollup.Dirty); // a read must not cancel the publish owed to the parent

        var published = rollup.Publish(5);
        Assert.Equal(11, published.Version);
        Assert.False(rollup.Dirty);
        Assert.Same(published, rollup.Current(20));

        rollup.SetOwn([Tasks(1), Tasks(0)], []);
        var changed = rollup.Current(100);
        Assert.Equal(100, changed.Version);
        Assert.Equal(Tasks(1), changed.For(2025));
        Assert.True(rollup.Dirty);
        Assert.True(rollup.Publish(50).Version > changed.Version);
    }

    [Fact]
    public void Escalations_are_merged_oldest_first_and_capped()
    {
        var rollup = New("01");
        var own = Enumerable.Range(0, 30).Select(i => Esc("01", i, D(2025, 1, 1).AddDays(2 * i))).ToList();
        var child = Enumerable.Range(0, 30).Select(i => Esc("0101", i, D(2025, 1, 2).AddDays(2 * i))).ToList();
        rollup.SetOwn([Tasks(0), Tasks(0)], own);
        rollup.ApplyChild(Child("0101", 1, Tasks(0), null, [.. child]));

        var published = rollup.Publish(1).OldestEscalations;

        var expected = own.Concat(child).OrderBy(e => e.Deadline).Take(Rollup.EscalationListSize).ToList();
        Assert.Equal(Rollup.EscalationListSize, published.Count);
        Assert.Equal(expected, published);
        Assert.Equal(expected, rollup.Recompute().Escalations);
    }

    [Fact]
    public void A_leaf_publishes_at_most_the_oldest_fifty_of_its_own_escalations()
    {
        var rollup = New("0101");
        var own = Enumerable.Range(0, 80).Select(i => Esc("0101", i, D(2025, 1, 1).AddDays(i))).ToList();
        rollup.SetOwn([Tasks(0), Tasks(0)], own);

        var published = rollup.Publish(1).OldestEscalations;

        Assert.Equal(own.Take(Rollup.EscalationListSize), published);
    }

    [Fact]
    public void Recompute_equals_the_incremental_state_after_many_random_changes()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var rng = new Random(seed);
            var rollup = New("01");
            var version = new Dictionary<string, long>();
            for (var step = 0; step < 300; step++)
            {
                if (rng.Next(3) == 0)
                {
                    rollup.SetOwn([IndicatorCountsTests.Random(rng), IndicatorCountsTests.Random(rng)], []);
                }
                else
                {
                    var code = "01" + rng.Next(1, 8).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                    var v = version.GetValueOrDefault(code) + rng.Next(-2, 4);
                    version[code] = Math.Max(v, version.GetValueOrDefault(code));
                    rollup.ApplyChild(Child(code, v, IndicatorCountsTests.Random(rng), IndicatorCountsTests.Random(rng)), authoritative: rng.Next(10) == 0);
                }

                var (counts, _) = rollup.Recompute();
                Assert.Equal(counts, Years.Select(rollup.Subtree));
            }
        }
    }
}
