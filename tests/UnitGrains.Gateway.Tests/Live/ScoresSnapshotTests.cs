using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Gateway.Live;

namespace UnitGrains.Gateway.Tests.Live;

/// <summary>
/// The rules by which the gateway keeps a unit's pushed scores: versions never go back whichever
/// order pushes and reads arrive in, a snapshot never mixes years of different versions, and a
/// reader without a year gets the year the unit named as current.
/// </summary>
public sealed class ScoresSnapshotTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    internal static UnitScores Scores(int year, long version, int tasksDone = 0)
    {
        var counts = IndicatorCounts.Zero with { TasksDue = 10, TasksDone = tasksDone };
        var indicators = Indicators.From(counts, ScoreWeights.Default);
        return new UnitScores("01", "Thành phố Hà Nội", year, version, T0, indicators, indicators);
    }

    internal static UnitChange Change(long version, int currentYear, params UnitScores[] scores) =>
        new("01", version, scores, [], [], [], currentYear);

    [Fact]
    public void A_push_names_the_current_year_for_readers_without_one()
    {
        var snapshot = ScoresSnapshot.AfterChange(null, Change(5, 2026, Scores(2025, 5), Scores(2026, 5, tasksDone: 3)), T0)!;

        Assert.Equal(3, snapshot.For(null)!.Own.Counts.TasksDone);
        Assert.Equal(2025, snapshot.For(2025)!.Year);
        Assert.Null(snapshot.For(2024));
        Assert.Equal(T0, snapshot.ConfirmedAt);
    }

    [Fact]
    public void An_older_push_arriving_late_changes_nothing()
    {
        var newer = ScoresSnapshot.AfterChange(null, Change(9, 2026, Scores(2026, 9, tasksDone: 2)), T0);

        var after = ScoresSnapshot.AfterChange(newer, Change(8, 2026, Scores(2026, 8, tasksDone: 1)), T0.AddSeconds(1));

        Assert.Same(newer, after);
    }

    [Fact]
    public void A_newer_push_replaces_every_year()
    {
        var old = ScoresSnapshot.AfterChange(null, Change(5, 2026, Scores(2025, 5), Scores(2026, 5)), T0);

        var after = ScoresSnapshot.AfterChange(old, Change(6, 2026, Scores(2026, 6, tasksDone: 1)), T0.AddSeconds(1))!;

        Assert.Equal(6, after.Version);
        Assert.Null(after.For(2025)); // year 2025 at version 5 must not pass for version 6
        Assert.Equal(1, after.For(2026)!.Own.Counts.TasksDone);
    }

    [Fact]
    public void A_read_of_the_same_version_confirms_and_adds_its_year()
    {
        var pushed = ScoresSnapshot.AfterChange(null, Change(5, 2026, Scores(2026, 5)), T0);

        var after = ScoresSnapshot.AfterRead(pushed, 2025, Scores(2025, 5), T0.AddSeconds(3))!;

        Assert.Equal(T0.AddSeconds(3), after.ConfirmedAt);
        Assert.Equal(5, after.Version);
        Assert.NotNull(after.For(2025));
        Assert.Equal(2026, after.CurrentYear); // a read of an explicit year says nothing of the current one
    }

    [Fact]
    public void A_read_of_a_newer_version_keeps_only_what_it_read()
    {
        var pushed = ScoresSnapshot.AfterChange(null, Change(5, 2026, Scores(2025, 5), Scores(2026, 5)), T0);

        var after = ScoresSnapshot.AfterRead(pushed, null, Scores(2026, 7, tasksDone: 4), T0.AddSeconds(1))!;

        Assert.Equal(7, after.Version);
        Assert.Equal(4, after.For(null)!.Own.Counts.TasksDone);
        Assert.Null(after.For(2025));
    }

    [Fact]
    public void A_read_of_an_explicit_year_does_not_make_it_the_current_one()
    {
        var after = ScoresSnapshot.AfterRead(null, 2025, Scores(2025, 7), T0)!;

        Assert.Null(after.For(null));
        Assert.NotNull(after.For(2025));
    }

    [Fact]
    public void An_older_read_changes_nothing()
    {
        var pushed = ScoresSnapshot.AfterChange(null, Change(9, 2026, Scores(2026, 9)), T0);

        Assert.Same(pushed, ScoresSnapshot.AfterRead(pushed, null, Scores(2026, 8), T0.AddSeconds(1)));
    }
}
