using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

/// <summary>The rules of units in time that are not about lists: what a unit owes in a year it was partly in force, which years are chased, which hierarchy a year is viewed on.</summary>
public sealed class UnitsInTimeTests
{
    private static readonly UnitProfile NewCommune = new(
        "26278", "Xã Bình Minh", UnitKind.Commune, "commune", "75", [new("VN", "Việt Nam", UnitKind.Nation), new("75", "Tỉnh Đồng Nai", UnitKind.Province)], [], "Bình Minh", "Binh Minh", "2level-2025-07",
        ValidFrom: new DateOnly(2025, 7, 1));

    private static readonly UnitProfile EndedProvince = new(
        "70@2025-06-30", "Tỉnh Bình Phước", UnitKind.Province, "province", "VN", [new("VN", "Việt Nam", UnitKind.Nation)], [], "Bình Phước", "Binh Phuoc", "3level-2025-03",
        ValidUntil: new DateOnly(2025, 6, 30));

    [Fact]
    public void A_unit_created_during_a_year_owes_that_years_plan_a_month_after_its_first_day()
    {
        var duty = NationalDuty.Of(NewCommune, 2025, null);
        Assert.Equal((new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31)), (duty.Span!.From, duty.PlanBy!.Value));
        Assert.Equal(0, IndicatorCounts.Own(duty, null, new DateOnly(2025, 7, 31), 0).PlansExpected);
        Assert.Equal(1, IndicatorCounts.Own(duty, null, new DateOnly(2025, 8, 1), 0).PlansExpected);
        // Its first quarter owed is the third: the second ended before it existed.
        Assert.Equal("2025-Q3", duty.ExpectedReports(null, new DateOnly(2025, 7, 1))[0].Period.ToString());
    }

    [Theory]
    [InlineData(2024, false, true)]
    [InlineData(2025, true, true)]
    [InlineData(2026, true, false)]
    public void A_unit_is_in_force_during_the_years_it_held_some_day_of(int year, bool newCommune, bool endedProvince)
    {
        Assert.Equal(newCommune, NewCommune.InForceDuring(year));
        Assert.Equal(endedProvince, EndedProvince.InForceDuring(year));
        Assert.Equal("70", EndedProvince.OfficialCode);
    }

    [Theory]
    [InlineData(2026, true)]
    [InlineData(2025, true)]
    [InlineData(2024, false)]
    [InlineData(2021, false)]
    public void This_year_and_last_are_chased_older_years_are_history(int year, bool chased)
    {
        Assert.Equal(chased, EscalationPolicy.Chases(year, new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void A_year_is_viewed_on_the_hierarchy_of_its_last_day_or_of_today_while_under_way()
    {
        var today = new DateOnly(2026, 3, 2);
        Assert.Equal(new DateOnly(2025, 12, 31), ScoreYears.HierarchyDate(2025, today));
        Assert.Equal(new DateOnly(2022, 12, 31), ScoreYears.HierarchyDate(2022, today));
        Assert.Equal(today, ScoreYears.HierarchyDate(2026, today));
    }
}
