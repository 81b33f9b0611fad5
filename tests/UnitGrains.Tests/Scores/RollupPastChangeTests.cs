using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

/// <summary>A change of a year the rollup does not keep climbs as a stamp, so the units above know to ask their history again.</summary>
public sealed class RollupPastChangeTests
{
    private static readonly int[] Years = [2025, 2026];

    [Fact]
    public void A_past_change_makes_the_unit_dirty_and_travels_in_its_summary()
    {
        var commune = new Rollup("26278", Years);
        commune.Publish(1);
        Assert.False(commune.Dirty);

        commune.NotePastChange(100);
        Assert.True(commune.Dirty);
        var summary = commune.Publish(2);
        Assert.Equal(100, summary.PastChanged);

        // An older stamp changes nothing.
        commune.NotePastChange(50);
        Assert.False(commune.Dirty);
    }

    [Fact]
    public void A_parent_takes_the_latest_past_change_of_its_children_and_is_changed_by_it_alone()
    {
        var province = new Rollup("75", Years);
        var counts = new[] { new YearCounts(2025, IndicatorCounts.Zero), new YearCounts(2026, IndicatorCounts.Zero) };
        Assert.True(province.ApplyChild(new SubtreeSummary("26278", 1, counts, [])));
        province.Publish(1);

        // Same counts, a newer past change: the parent must republish so the nation hears it too.
        Assert.True(province.ApplyChild(new SubtreeSummary("26278", 2, counts, [], PastChanged: 300)));
        Assert.True(province.Dirty);
        Assert.True(province.ApplyChild(new SubtreeSummary("25195", 1, counts, [], PastChanged: 200)));
        Assert.Equal(300, province.PastChanged);
        Assert.Equal(300, province.Publish(2).PastChanged);

        // The same summary again is no change.
        Assert.False(province.ApplyChild(new SubtreeSummary("26278", 3, counts, [], PastChanged: 300)));
    }
}
