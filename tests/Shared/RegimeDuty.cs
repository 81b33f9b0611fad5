namespace UnitGrains.Domain;

/// <summary>
/// Tests of the reporting and counting rules oblige a campaign's unit to the regime its own plan
/// states, within the plan's period, as a parent's plan would (<see cref="PlanObligation"/>): the
/// rules under test are the same, and each test keeps the regime it was written with. The plan is
/// owed by the national default date unless the plan states its own deadline.
/// </summary>
public static class RegimeDuty
{
    public static Duty DutyOf(this Campaign campaign, bool expectsPlan = true, DateOnly? inForceFrom = null)
    {
        var year = new PlanPeriod(new DateOnly(campaign.Year, 1, 1), new DateOnly(campaign.Year, 12, 31));
        var from = inForceFrom is { } start && start > year.From ? start : year.From;
        var span = campaign.Plan?.Period is { } period
            ? new PlanPeriod(period.From > from ? period.From : from, period.To < year.To ? period.To : year.To)
            : year with { From = from };
        return new Duty(
            campaign.Year,
            span,
            expectsPlan ? from.AddDays(NationalDuty.PlanDays) : null,
            false,
            campaign.Plan?.Reporting ?? ReportingRegime.None,
            "parent",
            "test",
            []);
    }

    public static Outcome<Campaign> SubmitReport(this Campaign campaign, ReportSubmission submission, DateOnly today) =>
        campaign.SubmitReport(submission, campaign.DutyOf(), today);

    public static IReadOnlyList<ExpectedReport> ExpectedReports(this Campaign campaign, DateOnly today) =>
        campaign.DutyOf().ExpectedReports(campaign, today);

    public static CampaignView ViewOf(string unitCode, Campaign campaign, DateOnly today, long version = 0) =>
        CampaignView.Of(unitCode, campaign, campaign.DutyOf(), today, version);

    public static IndicatorCounts Own(int year, Campaign? campaign, bool expectsPlan, DateOnly today, int openEscalations, DateOnly? inForceFrom = null) =>
        IndicatorCounts.Own((campaign ?? Campaign.Empty(year)).DutyOf(expectsPlan, inForceFrom), campaign, today, openEscalations);
}
