using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

public class ReportRequirementTests
{
    private static ReportPeriod P(string text) => ReportPeriod.TryParse(text, out var period) ? period : throw new ArgumentException(text);

    [Theory]
    [InlineData("2022-Q1", 3)]
    [InlineData("2022-Q2", 6)]
    [InlineData("2022-Q3", 9)]
    [InlineData("2022-Q4", 12)]
    public void A_quarterly_report_is_due_by_the_5th_of_the_quarters_last_month(string period, int month)
    {
        Assert.Equal(D(2022, month, 5), new ReportRequirement(ReportFrequency.Quarterly, 5).DeadlineFor(P(period)));
    }

    [Fact]
    public void A_six_month_report_is_due_by_15_June()
    {
        Assert.Equal(D(2022, 6, 15), new ReportRequirement(ReportFrequency.SixMonthly, 15).DeadlineFor(P("2022-H1")));
    }

    [Fact]
    public void An_annual_report_is_due_by_15_December()
    {
        Assert.Equal(D(2022, 12, 15), new ReportRequirement(ReportFrequency.Annual, 15).DeadlineFor(P("2022-Y")));
    }

    [Theory]
    [InlineData("2022-Q1", 3, 31)]
    [InlineData("2022-Q2", 6, 30)] // June has 30 days
    [InlineData("2022-Q3", 9, 30)]
    [InlineData("2022-Q4", 12, 31)]
    public void A_due_day_past_the_end_of_the_month_means_its_last_day(string period, int month, int day)
    {
        Assert.Equal(D(2022, month, day), new ReportRequirement(ReportFrequency.Quarterly, 31).DeadlineFor(P(period)));
    }

    [Theory]
    [InlineData("2022-Q1", 2022, 4, 10)]
    [InlineData("2022-Q3", 2022, 10, 10)]
    [InlineData("2022-Q4", 2023, 1, 10)] // crosses into the next year
    public void An_offset_of_one_month_means_the_month_after_the_period(string period, int year, int month, int day)
    {
        Assert.Equal(D(year, month, day), new ReportRequirement(ReportFrequency.Quarterly, 10, 1).DeadlineFor(P(period)));
    }

    [Fact]
    public void An_annual_report_due_the_month_after_falls_in_january()
    {
        Assert.Equal(D(2023, 1, 20), new ReportRequirement(ReportFrequency.Annual, 20, 1).DeadlineFor(P("2022-Y")));
    }

    [Theory]
    [InlineData(2022, 2023, 2, 28)]
    [InlineData(2023, 2024, 2, 29)] // leap year
    public void Clamping_applies_to_the_month_after_the_offset(int periodYear, int year, int month, int day)
    {
        Assert.Equal(D(year, month, day), new ReportRequirement(ReportFrequency.Quarterly, 31, 2).DeadlineFor(new ReportPeriod(periodYear, ReportPeriodKind.Quarter, 4)));
    }

    [Fact]
    public void A_regime_finds_the_requirement_for_a_periods_frequency()
    {
        var quarterly = new ReportRequirement(ReportFrequency.Quarterly, 5);
        var annual = new ReportRequirement(ReportFrequency.Annual, 15);
        var regime = new ReportingRegime([quarterly, annual], null);

        Assert.Equal(quarterly, regime.RequirementFor(P("2022-Q3")));
        Assert.Equal(annual, regime.RequirementFor(P("2022-Y")));
        Assert.Null(regime.RequirementFor(P("2022-H1")));
        Assert.Null(regime.RequirementFor(P("2022-A1")));
    }

    [Fact]
    public void The_empty_regime_requires_nothing()
    {
        Assert.Empty(ReportingRegime.None.Requirements);
        Assert.Null(ReportingRegime.None.Consolidator);
        Assert.Empty(ReportingRegime.None.ExpectedWithin(new PlanPeriod(D(2022, 1, 1), D(2022, 12, 31))));
    }

    [Fact]
    public void Expected_reports_of_the_seed_regime_come_in_deadline_order()
    {
        var plan = Samples.Plan();

        var expected = plan.Reporting.ExpectedWithin(plan.Period).Select(e => (e.Period.ToString(), e.Deadline));

        Assert.Equal(
            [
                ("2022-Q1", D(2022, 3, 5)),
                ("2022-Q2", D(2022, 6, 5)),
                ("2022-H1", D(2022, 6, 15)),
                ("2022-Q3", D(2022, 9, 5)),
                ("2022-Q4", D(2022, 12, 5)),
                ("2022-Y", D(2022, 12, 15)),
            ],
            expected);
    }

    [Fact]
    public void Reports_due_the_same_day_are_ordered_quarter_first()
    {
        var regime = new ReportingRegime([new ReportRequirement(ReportFrequency.Annual, 15), new ReportRequirement(ReportFrequency.Quarterly, 15)], null);

        var expected = regime.ExpectedWithin(new PlanPeriod(D(2022, 10, 1), D(2022, 12, 31))).Select(e => e.Period.ToString());

        Assert.Equal(["2022-Q4", "2022-Y"], expected);
    }

    [Fact]
    public void A_multi_year_plan_expects_reports_in_every_year_of_its_period()
    {
        var regime = new ReportingRegime([new ReportRequirement(ReportFrequency.SixMonthly, 15), new ReportRequirement(ReportFrequency.Annual, 15)], null);

        var expected = regime.ExpectedWithin(new PlanPeriod(D(2021, 1, 1), D(2025, 12, 31))).ToList();

        Assert.Equal(
            ["2021-H1", "2021-Y", "2022-H1", "2022-Y", "2023-H1", "2023-Y", "2024-H1", "2024-Y", "2025-H1", "2025-Y"],
            expected.Select(e => e.Period.ToString()));
        Assert.Equal(D(2024, 6, 15), expected[6].Deadline);
        Assert.Equal(D(2025, 12, 15), expected[^1].Deadline);
    }

    [Fact]
    public void Only_periods_that_overlap_the_plan_are_expected()
    {
        var plan = Samples.Plan();

        var expected = plan.Reporting.ExpectedWithin(new PlanPeriod(D(2022, 7, 1), D(2022, 11, 15))).Select(e => e.Period.ToString());

        Assert.Equal(["2022-Q3", "2022-Q4", "2022-Y"], expected);
    }

    [Fact]
    public void A_plan_starting_mid_quarter_still_expects_that_quarter()
    {
        var regime = new ReportingRegime([new ReportRequirement(ReportFrequency.Quarterly, 5)], null);

        var expected = regime.ExpectedWithin(new PlanPeriod(D(2022, 3, 1), D(2022, 5, 31))).Select(e => e.Period.ToString());

        Assert.Equal(["2022-Q1", "2022-Q2"], expected);
    }

    [Fact]
    public void A_plan_does_not_expect_a_report_due_before_it_starts()
    {
        var regime = new ReportingRegime([new ReportRequirement(ReportFrequency.Quarterly, 5)], null);

        var expected = regime.ExpectedWithin(new PlanPeriod(D(2022, 3, 15), D(2022, 5, 31))).Select(e => e.Period.ToString());

        Assert.Equal(["2022-Q2"], expected);
    }

    [Fact]
    public void A_deadline_in_the_next_year_is_still_expected_for_a_one_year_plan()
    {
        var regime = new ReportingRegime([new ReportRequirement(ReportFrequency.Quarterly, 10, 1)], null);

        var expected = regime.ExpectedWithin(new PlanPeriod(D(2022, 1, 1), D(2022, 12, 31))).ToList();

        Assert.Equal(4, expected.Count);
        Assert.Equal(("2022-Q4", D(2023, 1, 10)), (expected[3].Period.ToString(), expected[3].Deadline));
    }
}
