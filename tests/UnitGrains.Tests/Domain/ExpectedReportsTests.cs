using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

public class ExpectedReportsTests
{
    private static Campaign Submit(Campaign campaign, string period, DateOnly on) =>
        Expect.Ok(campaign.SubmitReport(new ReportSubmission(period, SubmittedOn: on), D(2023, 1, 31)));

    private static ReportStatus StatusOf(Campaign campaign, string period, DateOnly today) =>
        campaign.ExpectedReports(today).Single(e => e.Period.ToString() == period).Status;

    [Fact]
    public void A_campaign_without_a_plan_expects_nothing()
    {
        Assert.Empty(Campaign.Empty(2022).ExpectedReports(D(2022, 12, 31)));
    }

    [Fact]
    public void A_plan_that_requires_no_report_expects_nothing()
    {
        Assert.Empty(Samples.Campaign(Samples.PlanDraft() with { Reporting = null }).ExpectedReports(D(2022, 12, 31)));
    }

    [Fact]
    public void Every_required_report_is_due_until_its_deadline()
    {
        var expected = Samples.Campaign().ExpectedReports(D(2022, 3, 5));

        Assert.Equal(["2022-Q1", "2022-Q2", "2022-H1", "2022-Q3", "2022-Q4", "2022-Y"], expected.Select(e => e.Period.ToString()));
        Assert.Equal([D(2022, 3, 5), D(2022, 6, 5), D(2022, 6, 15), D(2022, 9, 5), D(2022, 12, 5), D(2022, 12, 15)], expected.Select(e => e.Deadline));
        Assert.All(expected, e => Assert.Equal(ReportStatus.Due, e.Status));
        Assert.All(expected, e => Assert.Null(e.SubmittedOn));
    }

    [Fact]
    public void A_report_not_submitted_by_its_deadline_is_missing_the_day_after()
    {
        var campaign = Samples.Campaign();

        Assert.Equal(ReportStatus.Due, StatusOf(campaign, "2022-Q1", D(2022, 3, 5)));
        Assert.Equal(ReportStatus.Missing, StatusOf(campaign, "2022-Q1", D(2022, 3, 6)));
    }

    [Fact]
    public void A_report_submitted_by_its_deadline_is_submitted_on_time()
    {
        var campaign = Submit(Samples.Campaign(), "2022-Q1", D(2022, 3, 5));

        var q1 = campaign.ExpectedReports(D(2022, 12, 31))[0];

        Assert.Equal((ReportStatus.SubmittedOnTime, D(2022, 3, 5)), (q1.Status, q1.SubmittedOn));
    }

    [Fact]
    public void A_missing_report_submitted_late_is_submitted_late()
    {
        var campaign = Samples.Campaign();
        Assert.Equal(ReportStatus.Missing, StatusOf(campaign, "2022-H1", D(2022, 7, 1)));

        var submitted = Submit(campaign, "2022-H1", D(2022, 7, 1));

        Assert.Equal(ReportStatus.SubmittedLate, StatusOf(submitted, "2022-H1", D(2022, 7, 1)));
    }

    [Fact]
    public void Statuses_mix_as_the_year_goes_on()
    {
        var campaign = Submit(Submit(Samples.Campaign(), "2022-Q1", D(2022, 3, 4)), "2022-Q2", D(2022, 6, 8));

        var statuses = campaign.ExpectedReports(D(2022, 6, 20)).Select(e => (e.Period.ToString(), e.Status));

        Assert.Equal(
            [
                ("2022-Q1", ReportStatus.SubmittedOnTime),
                ("2022-Q2", ReportStatus.SubmittedLate),
                ("2022-H1", ReportStatus.Missing),
                ("2022-Q3", ReportStatus.Due),
                ("2022-Q4", ReportStatus.Due),
                ("2022-Y", ReportStatus.Due),
            ],
            statuses);
    }

    [Fact]
    public void Ad_hoc_reports_are_not_expected()
    {
        var campaign = Submit(Samples.Campaign(), "2022-A1", D(2022, 2, 1));

        Assert.DoesNotContain(campaign.ExpectedReports(D(2022, 2, 1)), e => e.Period.Kind == ReportPeriodKind.AdHoc);
        Assert.Equal(6, campaign.ExpectedReports(D(2022, 2, 1)).Count);
    }

    [Fact]
    public void A_multi_year_plans_campaign_owes_the_reports_of_its_own_year_only()
    {
        var draft = Samples.PlanDraftReporting(new ReportRequirement(ReportFrequency.SixMonthly, 15), new ReportRequirement(ReportFrequency.Annual, 15))
            with { Period = new PlanPeriod(D(2021, 1, 1), D(2025, 12, 31)), IssuedOn = D(2020, 12, 1) };
        var campaign = Expect.Ok(Campaign.Empty(2021).SetPlan(draft, D(2021, 1, 5)));
        campaign = Expect.Ok(campaign.SubmitReport(new ReportSubmission("2021-Y", SubmittedOn: D(2021, 12, 1)), D(2023, 7, 1)));

        var expected = campaign.ExpectedReports(D(2023, 7, 1));

        Assert.Equal([("2021-H1", ReportStatus.Missing), ("2021-Y", ReportStatus.SubmittedOnTime)], expected.Select(e => (e.Period.ToString(), e.Status)));
    }

    [Fact]
    public void A_deadline_in_the_next_year_keeps_the_last_quarter_due_over_new_year()
    {
        var campaign = Samples.Campaign(Samples.PlanDraftReporting(new ReportRequirement(ReportFrequency.Quarterly, 10, 1)));

        Assert.Equal(ReportStatus.Due, StatusOf(campaign, "2022-Q4", D(2023, 1, 10)));
        Assert.Equal(ReportStatus.Missing, StatusOf(campaign, "2022-Q4", D(2023, 1, 11)));
    }
}
