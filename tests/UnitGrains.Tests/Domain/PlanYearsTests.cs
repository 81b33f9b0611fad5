using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

public sealed class PlanYearsTests
{
    private static readonly PlanDraft FiveYears = Samples.PlanDraft() with
    {
        Period = new PlanPeriod(new DateOnly(2021, 11, 16), new DateOnly(2025, 12, 31)),
        IssuedOn = new DateOnly(2021, 11, 16),
    };

    private static TaskDraft Task(string id, DateOnly? due) => new("Tuyên truyền", Samples.HomeAffairs, id, due);

    [Fact]
    public void A_plan_over_several_years_is_filed_year_by_year_with_each_task_in_the_year_it_falls_due()
    {
        var years = PlanYears.Split(2021, FiveYears, [Task("A", null), Task("B", new DateOnly(2023, 6, 30)), Task("C", new DateOnly(2021, 12, 31))]);

        Assert.Equal([2021, 2022, 2023, 2024, 2025], years.Select(y => y.Year));
        Assert.Equal(new PlanPeriod(new DateOnly(2021, 11, 16), new DateOnly(2021, 12, 31)), years[0].Plan.Period);
        Assert.Equal(new PlanPeriod(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), years[3].Plan.Period);
        Assert.All(years, y => Assert.Equal(FiveYears.Period, y.Plan.Programme));
        Assert.Equal(["C"], years[0].Tasks.Select(t => t.Id));
        Assert.Equal(["B"], years[2].Tasks.Select(t => t.Id));
        Assert.Equal(["A"], years[4].Tasks.Select(t => t.Id)); // no date: due when the plan ends
        Assert.Empty(years[1].Tasks);

        // Each year is a valid plan of its own campaign year, issued for the whole.
        Assert.All(years, y => Assert.True(y.Plan.Validate(y.Year, new DateOnly(2026, 1, 1)).IsSuccess));
    }

    [Fact]
    public void A_task_outside_the_whole_period_stays_in_the_first_year_whose_validation_names_it()
    {
        var years = PlanYears.Split(2021, FiveYears, [Task("Z", new DateOnly(2027, 1, 1))]);
        Assert.Equal(["Z"], years[0].Tasks.Select(t => t.Id));
        Assert.All(years.Skip(1), y => Assert.Empty(y.Tasks));
    }

    [Theory]
    [InlineData(2022, 2022, 2022)] // one year
    [InlineData(2021, 2022, 2022)] // filed under another year than it starts: left for validation to refuse
    [InlineData(2022, 2032, 2022)] // over the ten years a plan may span
    public void Other_plans_are_filed_as_sent(int from, int to, int year)
    {
        var plan = Samples.PlanDraft() with { Period = new PlanPeriod(new DateOnly(from, 1, 1), new DateOnly(to, 12, 31)) };
        var single = Assert.Single(PlanYears.Split(year, plan, []));
        Assert.Same(plan, single.Plan);
    }

    [Fact]
    public void A_year_outside_the_whole_plan_or_issued_long_before_it_is_refused()
    {
        var outside = Samples.PlanDraft() with { Period = new PlanPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), Programme = new PlanPeriod(new DateOnly(2026, 3, 1), new DateOnly(2027, 12, 31)) };
        Assert.Contains(outside.Validate(2026, new DateOnly(2026, 5, 1)).Errors, e => e.Code == "period_outside_programme" && e.Field == "programme");

        var early = FiveYears with { IssuedOn = new DateOnly(2020, 1, 1), Period = new PlanPeriod(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31)) };
        Assert.Contains(early.Validate(2022, new DateOnly(2026, 5, 1)).Errors, e => e.Code == "out_of_range" && e.Field == "issuedOn");
    }
}
