using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

/// <summary>
/// The consolidated report of a province for 2022-Q1 (quarterly reports due on the 5th of the
/// quarter's last month), as of 10 May 2022: its own work, and five children — on time, late,
/// missing, and two without a plan.
/// </summary>
public sealed class ConsolidationTests
{
    private static readonly UnitRef Province = new("70", "Tỉnh Bình Phước", UnitKind.Province);

    private static readonly DateOnly Today = Samples.Today;

    private static ReportPeriod Q1 => Period("2022-Q1");

    private static ReportPeriod Period(string text)
    {
        Assert.True(Consolidation.TryParsePeriod(text, out var period));
        return period;
    }

    private static Campaign Own() => Expect.Ok(Expect.Ok(Samples.Campaign()
            .WithTasks(Samples.TaskDraft("a", D(2022, 3, 31)), Samples.TaskDraft("b", D(2022, 3, 15)), Samples.TaskDraft("c", D(2022, 9, 30)))
            .CompleteTask("a", Samples.Articles(10, D(2022, 2, 20)), Today))
        .CompleteTask("c", Samples.Articles(4, D(2022, 4, 2)), Today));

    private static Campaign Reported(DateOnly on, Channel channel, decimal output, ReviewDecision? review = null)
    {
        var filed = Expect.Ok(Samples.Campaign().SubmitReport(new ReportSubmission("2022-Q1", OutputsByChannel: new Dictionary<Channel, decimal> { [channel] = output }, SubmittedOn: on), Today));
        return review is { } decision
            ? Expect.Ok(filed.ReviewReport(Q1, decision, "70-SNV", new ReviewRequest(decision == ReviewDecision.Returned ? "Thiếu số liệu" : null), Today))
            : filed;
    }

    private static CampaignView View(string code, Campaign campaign) => RegimeDuty.ViewOf(code, campaign, Today);

    /// <summary>The office accepted the on-time report; the late one (or <paramref name="late"/>) awaits its review.</summary>
    private static ConsolidatedReport Build(ReportPeriod period, IReadOnlyList<ChildScore>? scores = null, Campaign? late = null) => Consolidation.Build(new ConsolidationInput(
        Province,
        period,
        Today,
        View("70", Own()),
        [
            (new UnitRef("00001", "Phường Tân Phú", UnitKind.Commune), View("00001", Reported(D(2022, 3, 4), Channel.Press, 5, ReviewDecision.Accepted))),
            (new UnitRef("00002", "Xã Đắk Ơ", UnitKind.Commune), View("00002", late ?? Reported(D(2022, 3, 20), Channel.WebPortal, 3))),
            (new UnitRef("00003", "Xã Bù Gia Mập", UnitKind.Commune), View("00003", Samples.Campaign())),
            (new UnitRef("00004", "Xã Lộc Ninh", UnitKind.Commune), null),
            (new UnitRef("70-SNV", "Sở Nội vụ", UnitKind.Department), null),
        ],
        null,
        null,
        scores ?? []));

    [Fact]
    public void Outputs_add_the_units_own_work_to_what_the_office_accepted_and_show_the_unreviewed_apart()
    {
        var report = Build(Q1);

        Assert.Equal(
            [new ChannelOutput(Channel.Press, 10, 5, 15), new ChannelOutput(Channel.WebPortal, 0, 0, 0, Unreviewed: 3)],
            report.Outputs);
        var children = report.Children.ToDictionary(c => c.Unit.Code);
        Assert.Equal((ReviewDecision.Accepted, (ReviewDecision?)null), (children["00001"].Review, children["00002"].Review));
        Assert.Equal((1, 0), (report.Reporting.Accepted, report.Reporting.Returned));
    }

    [Fact]
    public void A_returned_report_counts_for_nothing_until_it_is_filed_again()
    {
        var returned = Reported(D(2022, 3, 20), Channel.WebPortal, 3, ReviewDecision.Returned);

        var report = Build(Q1, late: returned);

        var child = report.Children.Single(c => c.Unit.Code == "00002");
        Assert.Equal((ChildReportStatus.Missing, ReviewDecision.Returned, (DateOnly?)null), (child.Status, child.Review, child.SubmittedOn));
        Assert.DoesNotContain(report.Outputs, o => o.Channel == Channel.WebPortal);
        Assert.Equal((1, 1), (report.Reporting.Accepted, report.Reporting.Returned));

        var filedAgain = Expect.Ok(returned.SubmitReport(new ReportSubmission("2022-Q1", OutputsByChannel: new Dictionary<Channel, decimal> { [Channel.WebPortal] = 4 }, SubmittedOn: D(2022, 4, 2)), Today));
        var again = Build(Q1, late: Expect.Ok(filedAgain.ReviewReport(Q1, ReviewDecision.Accepted, "70-SNV", new ReviewRequest(), Today)));
        Assert.Equal(new ChannelOutput(Channel.WebPortal, 0, 4, 4), again.Outputs.Single(o => o.Channel == Channel.WebPortal));
        Assert.Equal(ChildReportStatus.Late, again.Children.Single(c => c.Unit.Code == "00002").Status);
    }

    [Fact]
    public void Own_tasks_are_those_done_within_the_period_and_those_open_and_due_by_its_end()
    {
        var report = Build(Q1);

        Assert.Equal(["a"], report.TasksDone.Select(t => t.Id));
        var pending = Assert.Single(report.TasksPending);
        Assert.Equal("b", pending.Id);
        Assert.True(pending.Overdue);
        Assert.Equal(ChildReportStatus.Missing, report.OwnReport);
        Assert.Equal("Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2022", report.PlanTitle);
    }

    [Fact]
    public void Each_child_has_its_report_status_and_the_days_it_is_late()
    {
        var children = Build(Q1).Children.ToDictionary(c => c.Unit.Code);

        Assert.Equal((ChildReportStatus.OnTime, (int?)null), (children["00001"].Status, children["00001"].DaysLate));
        Assert.Equal((ChildReportStatus.Late, (int?)15), (children["00002"].Status, children["00002"].DaysLate));
        Assert.Equal((ChildReportStatus.Missing, (int?)66), (children["00003"].Status, children["00003"].DaysLate));
        Assert.Equal(ChildReportStatus.NoPlan, children["00004"].Status);
        Assert.Equal(ChildReportStatus.NoPlan, children["70-SNV"].Status);
        Assert.Equal(D(2022, 3, 5), children["00002"].Deadline);
        Assert.Equal(D(2022, 3, 20), children["00002"].SubmittedOn);
    }

    [Fact]
    public void Late_and_missing_children_are_listed_late_first_then_missing_longest_first_then_without_a_plan()
    {
        var report = Build(Q1);

        Assert.Equal(["00002", "00003", "00004", "70-SNV"], report.LateOrMissing.Select(c => c.Unit.Code));
        Assert.Equal(new ReportingSummary(5, 1, 1, 1, 0, 0, 2, Accepted: 1), report.Reporting);
    }

    [Fact]
    public void A_period_whose_deadline_has_not_come_is_not_yet_due_and_counts_nobody_late()
    {
        var report = Build(Period("2022"));

        Assert.Equal("2022", report.Period);
        Assert.Equal((D(2022, 1, 1), D(2022, 12, 31)), (report.From, report.To));
        Assert.Equal(3, report.Reporting.NotYetDue);
        Assert.Equal(0, report.Reporting.Late + report.Reporting.Missing);
        Assert.Equal(["a", "c"], report.TasksDone.Select(t => t.Id));
        Assert.Equal(14m, report.Outputs.Single(o => o.Channel == Channel.Press).Own);
    }

    [Fact]
    public void Scores_and_ranks_come_with_the_children()
    {
        var scored = Indicators.From(IndicatorCounts.Zero, ScoreWeights.Default) with { Score = 81.5 };
        var report = Build(Q1, [new ChildScore(1, new UnitRef("00002", "Xã Đắk Ơ", UnitKind.Commune), scored)]);

        var child = report.Children.Single(c => c.Unit.Code == "00002");
        Assert.Equal((81.5, 1), (child.Score!.Value, child.Rank!.Value));
        Assert.Null(report.Children.Single(c => c.Unit.Code == "00001").Rank);
    }

    [Fact]
    public void A_communes_offices_are_not_children_that_owe_a_report()
    {
        var commune = new UnitRef("00001", "Phường Tân Phú", UnitKind.Commune);
        var report = Consolidation.Build(new ConsolidationInput(commune, Q1, Today, null, [(new UnitRef("00001-VP", "Văn phòng", UnitKind.Department), null)], null, null, []));

        Assert.Empty(report.Children);
        Assert.Null(report.OwnReport);
        Assert.Empty(report.TasksDone);
        Assert.Empty(report.Outputs);
        Assert.True(Consolidation.OwesPlan(Province, new UnitRef("70-SNV", "Sở Nội vụ", UnitKind.Department)));
    }

    [Theory]
    [InlineData("2026", ReportPeriodKind.Year)]
    [InlineData("2026-Y", ReportPeriodKind.Year)]
    [InlineData("2026-Q3", ReportPeriodKind.Quarter)]
    [InlineData("2026-H1", ReportPeriodKind.FirstHalf)]
    public void Quarters_halves_and_years_can_be_consolidated(string text, ReportPeriodKind kind) =>
        Assert.Equal(kind, Period(text).Kind);

    [Theory]
    [InlineData("2026-A1")]
    [InlineData("2026-Q5")]
    [InlineData("26")]
    [InlineData("2026-")]
    [InlineData("")]
    [InlineData(null)]
    public void Ad_hoc_and_malformed_periods_cannot(string? text) => Assert.False(Consolidation.TryParsePeriod(text, out _));
}
