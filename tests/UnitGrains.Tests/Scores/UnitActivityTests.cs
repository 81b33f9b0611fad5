using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

public sealed class UnitActivityTests
{
    private static IReadOnlyList<YearCounts> Counts(int year, int tasksDone = 0, int reports = 0, int escalations = 0, int tasksDue = 0) =>
        [new YearCounts(year, IndicatorCounts.Zero with { TasksDone = tasksDone, ReportsSubmitted = reports, OpenEscalations = escalations, TasksDue = tasksDue })];

    [Fact]
    public void Only_parts_whose_counts_moved_are_reported_with_their_differences()
    {
        var before = new Dictionary<string, IReadOnlyList<YearCounts>> { ["75"] = Counts(2026), ["A"] = Counts(2026, tasksDone: 2, escalations: 3), ["B"] = Counts(2026, reports: 1) };
        var after = new Dictionary<string, IReadOnlyList<YearCounts>> { ["75"] = Counts(2026), ["A"] = Counts(2026, tasksDone: 3, escalations: 2), ["B"] = Counts(2026, reports: 1) };

        var change = Assert.Single(UnitActivity.Between(before, after, code => $"unit {code}"));

        Assert.Equal(new UnitActivity("A", "unit A", 2026, 0, 0, 1, 0, -1), change);
    }

    [Fact]
    public void A_part_seen_for_the_first_time_counts_from_zero_and_years_are_kept_apart()
    {
        var before = new Dictionary<string, IReadOnlyList<YearCounts>>();
        var after = new Dictionary<string, IReadOnlyList<YearCounts>> { ["C"] = [.. Counts(2025, reports: 2), .. Counts(2026, tasksDue: 1, escalations: 1)] };

        var changes = UnitActivity.Between(before, after, _ => null);

        Assert.Equal([2025, 2026], changes.Select(c => c.Year));
        Assert.Equal(2, changes[0].ReportsSubmitted);
        Assert.Equal((1, 1), (changes[1].TasksDue, changes[1].OpenEscalations));
    }

    [Fact]
    public void No_change_is_no_activity()
    {
        var same = new Dictionary<string, IReadOnlyList<YearCounts>> { ["A"] = Counts(2026, tasksDone: 4) };
        Assert.Empty(UnitActivity.Between(same, same, _ => null));
    }
}
