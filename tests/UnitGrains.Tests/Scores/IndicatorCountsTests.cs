using UnitGrains.Domain;
using UnitGrains.Tests.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Scores;

/// <summary><see cref="IndicatorCounts.Own"/>: what of a unit's own campaign counts towards its indicators on a day.</summary>
public class IndicatorCountsTests
{
    private const int Year = Samples.Year;

    /// <summary>The sample plan without a reporting regime, so only tasks (and the plan) count.</summary>
    private static readonly Plan NoReports = Samples.Plan(Samples.PlanDraft() with { Reporting = null });

    private static Campaign Tasks(params CampaignTask[] tasks) => new(Year, NoReports, tasks, [], 1);

    /// <summary>A planned task with one output: 24 press articles.</summary>
    private static CampaignTask Open(string id, DateOnly due) => Samples.Task(id, due);

    private static CampaignTask Done(string id, DateOnly due, DateOnly on, decimal actual = 24) =>
        Expect.Ok(Samples.Task(id, due).Complete(Samples.Articles(actual, on), NoReports.Period, on));

    private static CampaignTask Requested(CampaignTask task) => task with { Obligation = Obligation.Requested };

    private static CampaignTask Cancelled(CampaignTask task) => Expect.Ok(task.Cancel("không còn phù hợp", D(2022, 2, 1)));

    private static IndicatorCounts Count(Campaign campaign, DateOnly today, bool expectsPlan = false, int openEscalations = 0) =>
        RegimeDuty.Own(Year, campaign, expectsPlan, today, openEscalations);

    private static (int Due, int Done, int OnTime) TaskCounts(IndicatorCounts c) => (c.TasksDue, c.TasksDone, c.TasksDoneOnTime);

    [Fact]
    public void No_campaign_and_no_plan_expected_counts_nothing()
    {
        Assert.Equal(IndicatorCounts.Zero, RegimeDuty.Own(Year, null, expectsPlan: false, D(2022, 12, 31), 0));
    }

    [Fact]
    public void Only_assigned_tasks_that_are_not_cancelled_count()
    {
        var campaign = Tasks(
            Open("T1", D(2022, 3, 31)),
            Requested(Open("T2", D(2022, 3, 31))),
            Requested(Done("T3", D(2022, 3, 31), D(2022, 3, 1))),
            Cancelled(Open("T4", D(2022, 3, 31))));

        var counts = Count(campaign, D(2022, 5, 10));

        Assert.Equal((1, 0, 0), TaskCounts(counts));
        Assert.Equal(1, counts.OutputTargets);
        Assert.Equal(0m, counts.OutputAchievement);
    }

    [Fact]
    public void An_open_task_counts_from_the_day_after_its_due_date()
    {
        var campaign = Tasks(Open("T1", D(2022, 5, 10)));

        Assert.Equal(IndicatorCounts.Zero, Count(campaign, D(2022, 5, 9)));
        Assert.Equal(IndicatorCounts.Zero, Count(campaign, D(2022, 5, 10)));
        Assert.Equal((1, 0, 0), TaskCounts(Count(campaign, D(2022, 5, 11))));
    }

    [Fact]
    public void An_in_progress_overdue_task_counts_as_due_not_done()
    {
        var started = Expect.Ok(Open("T1", D(2022, 3, 31)).Start(D(2022, 3, 1)));

        Assert.Equal((1, 0, 0), TaskCounts(Count(Tasks(started), D(2022, 4, 1))));
    }

    [Fact]
    public void A_task_done_early_counts_before_its_due_date()
    {
        var campaign = Tasks(Done("T1", D(2022, 9, 30), D(2022, 4, 1)));

        var counts = Count(campaign, D(2022, 5, 10));

        Assert.Equal((1, 1, 1), TaskCounts(counts));
        Assert.Equal((1, 1m), (counts.OutputTargets, counts.OutputAchievement));
    }

    [Fact]
    public void A_task_done_on_its_due_date_is_on_time_and_one_done_after_it_is_late()
    {
        var campaign = Tasks(
            Done("T1", D(2022, 3, 31), D(2022, 3, 31)),
            Done("T2", D(2022, 3, 31), D(2022, 4, 1)));

        Assert.Equal((2, 2, 1), TaskCounts(Count(campaign, D(2022, 5, 10))));
    }

    [Fact]
    public void Outputs_of_counted_tasks_score_their_achievement_capped_at_one()
    {
        var campaign = Tasks(
            Done("T1", D(2022, 3, 31), D(2022, 3, 30), actual: 12), // 12/24 = 0.5
            Done("T2", D(2022, 3, 31), D(2022, 3, 30), actual: 48), // 48/24 = 2, capped at 1
            Done("T3", D(2022, 3, 31), D(2022, 3, 30), actual: 6),  // 0.25
            Open("T4", D(2022, 4, 30)),                             // overdue and open: a target achieved 0
            Open("T5", D(2022, 9, 30)));                            // not yet due: not counted at all

        var counts = Count(campaign, D(2022, 5, 10));

        Assert.Equal(4, counts.OutputTargets);
        Assert.Equal(1.75m, counts.OutputAchievement);
    }

    [Fact]
    public void A_task_without_outputs_counts_no_targets()
    {
        var plain = Expect.Ok(Samples.PlainTaskDraft("P1", D(2022, 3, 31)).Validate("P1", NoReports));

        var counts = Count(Tasks(plain), D(2022, 5, 10));

        Assert.Equal((1, 0, 0), TaskCounts(counts));
        Assert.Equal((0, 0m), (counts.OutputTargets, counts.OutputAchievement));
    }

    /// <summary>
    /// The sum of achievements is folded up the hierarchy by adding and subtracting children's sums,
    /// which is exact only if each achievement has a bounded number of decimals: 1 ÷ 3 as a 28-digit
    /// decimal would round differently depending on what it is added to.
    /// </summary>
    [Fact]
    public void Achievements_of_thirds_and_sevenths_keep_sums_exact()
    {
        var campaign = Tasks(
            Done("T1", D(2022, 3, 31), D(2022, 3, 30), actual: 8),   // 1/3
            Done("T2", D(2022, 3, 31), D(2022, 3, 30), actual: 16),  // 2/3
            Done("T3", D(2022, 3, 31), D(2022, 3, 30)) with { Outputs = [new TaskOutput("articles", 7, Actual: 3)] }); // 3/7

        var a = Count(campaign, D(2022, 5, 10)).OutputAchievement;

        Assert.True(a.Scale <= 10, $"achievement {a} carries {a.Scale} decimals");
        Assert.Equal(0.333333m + 0.666667m + 0.428571m, a);
        decimal big = 1_000_000;
        Assert.Equal(big, big + a - a);
        Assert.Equal(a, (big + a) - big);
    }

    [Theory]
    [InlineData(1, 3, "0.333333")]
    [InlineData(2, 3, "0.666667")]
    [InlineData(24, 24, "1")]
    [InlineData(30, 24, "1")]
    [InlineData(0, 24, "0")]
    [InlineData(1, 7, "0.142857")]
    public void A_target_achievement_is_capped_at_one_and_kept_to_a_bounded_number_of_decimals(int actual, int target, string expected)
    {
        var achievement = new TaskOutput("m", target, Actual: actual).Achievement;

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), achievement);
        Assert.Equal(0m, new TaskOutput("m", target).Achievement);
    }

    [Fact]
    public void Reports_count_once_their_deadline_passed_or_once_submitted()
    {
        // Sample regime: Q1 by 5 March, Q2 by 5 June, H1 by 15 June, Q3 by 5 Sept, Q4 by 5 Dec, Y by 15 Dec.
        var campaign = Samples.Campaign();
        campaign = Expect.Ok(campaign.SubmitReport(new ReportSubmission("2022-Q1", SubmittedOn: D(2022, 3, 5)), D(2022, 6, 6)));
        campaign = Expect.Ok(campaign.SubmitReport(new ReportSubmission("2022-H1", SubmittedOn: D(2022, 6, 1)), D(2022, 6, 6)));

        // Q1 on time, H1 early (on time), Q2 missing; Q3, Q4 and Y are not yet due.
        var counts = Count(campaign, D(2022, 6, 6));
        Assert.Equal((3, 2, 2), (counts.ReportsDue, counts.ReportsSubmitted, counts.ReportsOnTime));

        // Q2 submitted a day late: submitted, not on time.
        campaign = Expect.Ok(campaign.SubmitReport(new ReportSubmission("2022-Q2", SubmittedOn: D(2022, 6, 6)), D(2022, 6, 6)));
        counts = Count(campaign, D(2022, 6, 6));
        Assert.Equal((3, 3, 2), (counts.ReportsDue, counts.ReportsSubmitted, counts.ReportsOnTime));
    }

    [Fact]
    public void A_report_counts_from_the_day_after_its_deadline()
    {
        var campaign = Samples.Campaign();

        Assert.Equal(0, Count(campaign, D(2022, 3, 5)).ReportsDue);
        Assert.Equal((1, 0, 0), (Count(campaign, D(2022, 3, 6)).ReportsDue, Count(campaign, D(2022, 3, 6)).ReportsSubmitted, Count(campaign, D(2022, 3, 6)).ReportsOnTime));
    }

    [Fact]
    public void A_plan_counts_against_a_unit_once_its_date_passes_even_without_a_campaign()
    {
        var owedBy = D(2023, 1, 31);
        var onTheDay = RegimeDuty.Own(2023, null, expectsPlan: true, owedBy, 0);
        var after = RegimeDuty.Own(2023, null, expectsPlan: true, owedBy.AddDays(1), 0);
        var emptyCampaign = RegimeDuty.Own(2023, Campaign.Empty(2023), expectsPlan: true, D(2023, 3, 1), 0);

        Assert.Equal(IndicatorCounts.Zero, onTheDay);
        Assert.Equal((1, 0, 0), (after.PlansExpected, after.PlansIssued, after.PlansIssuedOnTime));
        Assert.Equal((1, 0, 0), (emptyCampaign.PlansExpected, emptyCampaign.PlansIssued, emptyCampaign.PlansIssuedOnTime));
    }

    [Fact]
    public void A_plan_issued_before_its_year_counts_at_once()
    {
        // The sample plan for 2022 was issued on 16 November 2021.
        var counts = Count(Samples.Campaign(), D(2021, 12, 1), expectsPlan: true);

        Assert.Equal((1, 1, 1), (counts.PlansExpected, counts.PlansIssued, counts.PlansIssuedOnTime));
    }

    [Fact]
    public void A_draft_plan_that_is_not_issued_is_expected_but_not_issued()
    {
        var draft = Samples.Campaign(Samples.PlanDraft() with { IssuedOn = null, Identifier = null, Signer = null });

        var counts = Count(draft, D(2022, 5, 10), expectsPlan: true);

        Assert.Equal((1, 0, 0), (counts.PlansExpected, counts.PlansIssued, counts.PlansIssuedOnTime));
    }

    [Fact]
    public void No_plan_is_expected_of_a_unit_that_does_not_plan()
    {
        var counts = Count(Samples.Campaign(), D(2022, 5, 10), expectsPlan: false);

        Assert.Equal((0, 0, 0), (counts.PlansExpected, counts.PlansIssued, counts.PlansIssuedOnTime));
    }

    [Theory]
    [InlineData("2021-12-31", true)]  // on the deadline
    [InlineData("2021-11-16", true)]
    [InlineData("2022-01-01", false)] // a day after the deadline
    [InlineData("2022-03-15", false)]
    public void A_plan_is_issued_on_time_only_by_its_issue_deadline(string issuedOn, bool onTime)
    {
        var campaign = Samples.Campaign(Samples.PlanDraft() with { IssuedOn = DateOnly.Parse(issuedOn, System.Globalization.CultureInfo.InvariantCulture), IssueDeadline = D(2021, 12, 31) });

        var counts = Count(campaign, D(2022, 5, 10), expectsPlan: true);

        Assert.Equal((1, 1, onTime ? 1 : 0), (counts.PlansExpected, counts.PlansIssued, counts.PlansIssuedOnTime));
    }

    [Fact]
    public void A_plan_without_its_own_deadline_is_measured_against_the_date_the_unit_owes_it_by()
    {
        var campaign = Samples.Campaign(Samples.PlanDraft() with { IssuedOn = D(2022, 4, 1), IssueDeadline = null });
        var national = campaign.DutyOf();
        var parentsDate = national with { PlanBy = D(2022, 4, 15), PlanDateSetByParent = true };

        var late = IndicatorCounts.Own(national, campaign, D(2022, 5, 10), 0);
        var onTime = IndicatorCounts.Own(parentsDate, campaign, D(2022, 5, 10), 0);

        Assert.Equal((1, 1, 0), (late.PlansExpected, late.PlansIssued, late.PlansIssuedOnTime));
        Assert.Equal((1, 1, 1), (onTime.PlansExpected, onTime.PlansIssued, onTime.PlansIssuedOnTime));
    }

    [Fact]
    public void The_parents_date_overrides_the_deadline_a_plan_states_for_itself()
    {
        var campaign = Samples.Campaign(Samples.PlanDraft() with { IssuedOn = D(2022, 3, 1), IssueDeadline = D(2022, 3, 31) });
        var parentsDate = campaign.DutyOf() with { PlanBy = D(2022, 2, 15), PlanDateSetByParent = true };

        var counts = IndicatorCounts.Own(parentsDate, campaign, D(2022, 5, 10), 0);

        Assert.Equal((1, 1, 0), (counts.PlansExpected, counts.PlansIssued, counts.PlansIssuedOnTime));
        Assert.Equal(1, IndicatorCounts.Own(campaign.DutyOf(), campaign, D(2022, 5, 10), 0).PlansIssuedOnTime);
    }

    [Fact]
    public void Open_escalations_are_passed_through()
    {
        Assert.Equal(7, Count(Samples.Campaign(), D(2022, 5, 10), openEscalations: 7).OpenEscalations);
    }

    [Fact]
    public void Plus_and_minus_are_inverse_and_zero_is_neutral()
    {
        var rng = new Random(20250101);
        for (var i = 0; i < 500; i++)
        {
            var a = Random(rng);
            var b = Random(rng);

            Assert.Equal(a, a + b - b);
            Assert.Equal(a, a - b + b);
            Assert.Equal(a + b, b + a);
            Assert.Equal(IndicatorCounts.Zero, a - a);
            Assert.Equal(a, a + IndicatorCounts.Zero);
            Assert.Equal(IndicatorCounts.Zero, IndicatorCounts.Zero - a + a);
        }
    }

    [Fact]
    public void Every_field_takes_part_in_plus_and_minus()
    {
        var one = new IndicatorCounts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11.5m, 12);

        Assert.Equal(new IndicatorCounts(2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 23.0m, 24), one + one);
        Assert.Equal(new IndicatorCounts(-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11.5m, -12), IndicatorCounts.Zero - one);
    }

    internal static IndicatorCounts Random(Random rng) => new(
        rng.Next(0, 3), rng.Next(0, 3), rng.Next(0, 3), rng.Next(0, 100), rng.Next(0, 100), rng.Next(0, 100),
        rng.Next(0, 20), rng.Next(0, 20), rng.Next(0, 20), rng.Next(0, 50), rng.Next(0, 50_000_000) / 1_000_000m, rng.Next(0, 30));
}
