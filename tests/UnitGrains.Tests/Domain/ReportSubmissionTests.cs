using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

public class ReportSubmissionTests
{
    private static readonly DateOnly Today = Samples.Today; // 10 May 2022

    private static ReportSubmission Submission(string period, DateOnly? on = null) => new(period, SubmittedOn: on);

    [Fact]
    public void A_unit_without_a_plan_still_files_the_reports_it_owes()
    {
        var idle = Campaign.Empty(2022);
        var duty = new Duty(2022, new PlanPeriod(D(2022, 1, 1), D(2022, 12, 31)), D(2022, 1, 31), false, new ReportingRegime(NationalDuty.Reports, new Agency("Sở Nội vụ", "70-SNV")), null, null, []);

        var report = Expect.Ok(idle.SubmitReport(Submission("2022-Q1"), duty, Today)).Reports[0];

        Assert.Equal((D(2022, 3, 15), "70-SNV"), (report.Deadline!.Value, report.SubmittedTo!.Code));
        Assert.Empty(report.TasksDone);
        Expect.Invalid(idle.SubmitReport(Submission("2022-Q1"), Duty.None(2022), Today), "period", "not_required", "none");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2022-Q5")]
    [InlineData("2022-H2")]
    [InlineData("Q1/2022")]
    [InlineData("2022-q1")]
    [InlineData("2022-Q1\n")]
    [InlineData("0000-Q1")]
    [InlineData("\u0662\u0660\u0662\u0662-Q1")]
    public void A_malformed_period_is_rejected_naming_it(string? period)
    {
        var outcome = Samples.Campaign().SubmitReport(new ReportSubmission(period), Today);

        Expect.Invalid(outcome, "period", "malformed_period", $"'{period}'", "2022-Q1");
    }

    [Fact]
    public void A_period_the_plan_does_not_require_is_rejected()
    {
        var campaign = Samples.Campaign(Samples.PlanDraftReporting(new ReportRequirement(ReportFrequency.Quarterly, 5), new ReportRequirement(ReportFrequency.Annual, 15)));

        Expect.Invalid(campaign.SubmitReport(Submission("2022-H1"), Today), "period", "not_required", "2022-H1", "Quarterly", "Annual");
    }

    [Fact]
    public void A_plan_without_a_reporting_regime_requires_no_periodic_report()
    {
        var campaign = Samples.Campaign(Samples.PlanDraft() with { Reporting = null });

        Expect.Invalid(campaign.SubmitReport(Submission("2022-Q1"), Today), "period", "not_required", "2022-Q1", "none");
    }

    [Theory]
    [InlineData("2023-Q1")]
    [InlineData("2021-Y")]
    public void A_required_period_outside_the_plan_period_is_rejected(string period)
    {
        var today = D(2023, 6, 1);

        Expect.Invalid(Samples.Campaign().SubmitReport(Submission(period), today), "period", "outside_plan_period", period, "2022-01-01–2022-12-31");
    }

    [Fact]
    public void A_quarter_before_a_mid_year_plan_starts_is_outside_it()
    {
        var campaign = Samples.Campaign(Samples.PlanDraft() with { Period = new PlanPeriod(D(2022, 7, 1), D(2022, 12, 31)) });

        Expect.Invalid(campaign.SubmitReport(Submission("2022-Q2"), Today), "period", "outside_plan_period", "2022-Q2");
    }

    [Fact]
    public void An_ad_hoc_report_needs_no_requirement_and_has_no_deadline()
    {
        var campaign = Samples.Campaign(Samples.PlanDraft() with { Reporting = null });

        var report = Expect.Ok(campaign.SubmitReport(Submission("2022-A1"), Today)).Reports.Single();

        Assert.Equal(new ReportPeriod(2022, ReportPeriodKind.AdHoc, 1), report.Period);
        Assert.Null(report.Deadline);
        Assert.True(report.OnTime);
        Assert.Null(report.SubmittedTo);
    }

    [Fact]
    public void Ad_hoc_reports_are_numbered_separately()
    {
        var campaign = Expect.Ok(Samples.Campaign().SubmitReport(Submission("2022-A1"), Today));

        var twice = Expect.Ok(campaign.SubmitReport(Submission("2022-A2"), Today));

        Assert.Equal(["2022-A1", "2022-A2"], twice.Reports.Select(r => r.Period.ToString()));
    }

    [Fact]
    public void An_ad_hoc_report_outside_the_plan_years_is_rejected()
    {
        Expect.Invalid(Samples.Campaign().SubmitReport(Submission("2023-A1", D(2023, 1, 2)), D(2023, 1, 2)), "period", "outside_plan_period", "2023-A1");
    }

    [Fact]
    public void A_second_submission_for_a_period_is_a_conflict()
    {
        var campaign = Expect.Ok(Samples.Campaign().SubmitReport(Submission("2022-Q1", D(2022, 3, 4)), Today));

        Expect.Conflict(campaign.SubmitReport(Submission("2022-Q1"), Today), "already_submitted", "2022-Q1", "2022-03-04");
    }

    [Fact]
    public void A_report_is_submitted_today_unless_a_date_is_given()
    {
        Assert.Equal(Today, Expect.Ok(Samples.Campaign().SubmitReport(Submission("2022-Q1"), Today)).Reports[0].SubmittedOn);
        Assert.Equal(D(2022, 3, 1), Expect.Ok(Samples.Campaign().SubmitReport(Submission("2022-Q1", D(2022, 3, 1)), Today)).Reports[0].SubmittedOn);
    }

    [Fact]
    public void A_report_cannot_be_submitted_in_the_future()
    {
        Expect.Invalid(Samples.Campaign().SubmitReport(Submission("2022-Q2", D(2022, 5, 11)), Today), "submittedOn", "in_future", "2022-05-11", "2022-05-10");
    }

    [Fact]
    public void A_report_cannot_be_submitted_before_its_period_starts()
    {
        Expect.Invalid(Samples.Campaign().SubmitReport(Submission("2022-Q2", D(2022, 3, 31)), Today), "submittedOn", "before_period", "2022-Q2", "2022-03-31", "2022-04-01");
    }

    [Fact]
    public void A_report_may_be_submitted_on_the_first_day_of_its_period()
    {
        Expect.Ok(Samples.Campaign().SubmitReport(Submission("2022-Q2", D(2022, 4, 1)), Today));
    }

    [Fact]
    public void Negative_outputs_are_rejected_per_channel()
    {
        var submission = new ReportSubmission("2022-Q1", OutputsByChannel: new Dictionary<Channel, decimal> { [Channel.Press] = 3, [Channel.RadioTv] = -2 });

        Expect.Invalid(Samples.Campaign().SubmitReport(submission, Today), "outputsByChannel.radioTv", "negative", "RadioTv", "-2");
    }

    [Fact]
    public void Outputs_given_by_the_unit_are_kept_as_given()
    {
        var outputs = new Dictionary<Channel, decimal> { [Channel.Loudspeakers] = 0, [Channel.Press] = 12 };

        var report = Expect.Ok(Samples.Campaign().SubmitReport(new ReportSubmission("2022-Q1", OutputsByChannel: outputs), Today)).Reports[0];

        Assert.Equal(outputs, report.OutputsByChannel);
    }

    [Fact]
    public void Texts_of_a_report_are_normalised_and_checked()
    {
        var report = Expect.Ok(Samples.Campaign().SubmitReport(new ReportSubmission("2022-Q1", Summary: "  Đã hoàn thành  ", Proposals: " "), Today)).Reports[0];
        Assert.Equal(("Đã hoàn thành", (string?)null, (string?)null), (report.Summary, report.Difficulties, report.Proposals));

        Expect.Invalid(Samples.Campaign().SubmitReport(new ReportSubmission("2022-Q1", Difficulties: "Thiếu\u0007kinh phí"), Today), "difficulties", "control_characters");
        Expect.Invalid(Samples.Campaign().SubmitReport(new ReportSubmission("2022-Q1", Proposals: new string('p', 20_001)), Today), "proposals", "too_long");
    }

    [Fact]
    public void A_report_goes_to_the_plans_consolidating_office()
    {
        Assert.Equal(Samples.HomeAffairs, Expect.Ok(Samples.Campaign().SubmitReport(Submission("2022-Q1"), Today)).Reports[0].SubmittedTo);
    }

    [Theory]
    [InlineData("2022-Q1", 3, 5, true)] // quarterly: by the 5th of the quarter's last month
    [InlineData("2022-Q1", 3, 6, false)]
    [InlineData("2022-Q1", 2, 20, true)]
    [InlineData("2022-H1", 6, 15, true)] // six-month: by 15 June
    [InlineData("2022-H1", 6, 16, false)]
    [InlineData("2022-Y", 12, 15, true)] // annual: by 15 December
    [InlineData("2022-Y", 12, 31, false)]
    public void A_report_is_on_time_when_submitted_by_its_deadline(string period, int month, int day, bool onTime)
    {
        var report = Expect.Ok(Samples.Campaign().SubmitReport(Submission(period, D(2022, month, day)), D(2023, 1, 5))).Reports[0];

        Assert.Equal(onTime, report.OnTime);
    }

    [Fact]
    public void A_report_records_its_deadline()
    {
        var report = Expect.Ok(Samples.Campaign().SubmitReport(Submission("2022-Q2"), D(2022, 6, 7))).Reports[0];

        Assert.Equal(D(2022, 6, 5), report.Deadline);
        Assert.False(report.OnTime);
    }

    /// <summary>
    /// done-jan (Press 10), done-mar (RadioTv 20, Press 5), done-nochannel (participants 250) done
    /// in Q1; done-apr (Press 7) done in Q2; open-mar due in Q1; open-jun due in Q2; cancelled-feb.
    /// </summary>
    private static Campaign WorkedCampaign()
    {
        var campaign = Samples.Campaign().WithTasks(
            Samples.TaskDraft("done-jan", D(2022, 1, 31)),
            Samples.TaskDraft("done-mar", D(2022, 3, 31)) with
            {
                Outputs = [new TaskOutputDraft("broadcasts", 48, "buổi", Channel.RadioTv), new TaskOutputDraft("articles", 12, "bài", Channel.Press)],
            },
            Samples.PlainTaskDraft("done-nochannel", D(2022, 3, 31)) with { Outputs = [new TaskOutputDraft("participants", 300)] },
            Samples.TaskDraft("done-apr", D(2022, 3, 31)),
            Samples.PlainTaskDraft("open-mar", D(2022, 3, 31)),
            Samples.PlainTaskDraft("open-jun", D(2022, 6, 30)),
            Samples.PlainTaskDraft("cancelled-feb", D(2022, 2, 28)));

        static TaskCompletion Actuals(DateOnly on, params (string Metric, decimal Value)[] actuals) =>
            new(actuals.ToDictionary(a => a.Metric, a => a.Value), null, on);

        campaign = Expect.Ok(campaign.CompleteTask("done-jan", Actuals(D(2022, 1, 20), ("articles", 10)), Today));
        campaign = Expect.Ok(campaign.CompleteTask("done-mar", Actuals(D(2022, 3, 31), ("broadcasts", 20), ("articles", 5)), Today));
        campaign = Expect.Ok(campaign.CompleteTask("done-nochannel", Actuals(D(2022, 3, 1), ("participants", 250)), Today));
        campaign = Expect.Ok(campaign.CompleteTask("done-apr", Actuals(D(2022, 4, 1), ("articles", 7)), Today));
        campaign = Expect.Ok(campaign.StartTask("open-mar", D(2022, 2, 1)));
        return Expect.Ok(campaign.CancelTask("cancelled-feb", "Không thực hiện", D(2022, 1, 15)));
    }

    [Fact]
    public void Outputs_per_channel_are_summed_from_tasks_completed_in_the_period()
    {
        var report = Expect.Ok(WorkedCampaign().SubmitReport(Submission("2022-Q1"), Today)).Reports[0];

        Assert.Equal(new Dictionary<Channel, decimal> { [Channel.Press] = 15, [Channel.RadioTv] = 20 }, report.OutputsByChannel);
    }

    [Fact]
    public void Outputs_of_a_later_period_count_only_the_tasks_completed_in_it()
    {
        var report = Expect.Ok(WorkedCampaign().SubmitReport(Submission("2022-Q2"), Today)).Reports[0];

        Assert.Equal(new Dictionary<Channel, decimal> { [Channel.Press] = 7 }, report.OutputsByChannel);
    }

    [Fact]
    public void Outputs_of_a_half_year_add_up_its_quarters()
    {
        var report = Expect.Ok(WorkedCampaign().SubmitReport(Submission("2022-H1"), Today)).Reports[0];

        Assert.Equal(new Dictionary<Channel, decimal> { [Channel.Press] = 22, [Channel.RadioTv] = 20 }, report.OutputsByChannel);
    }

    [Fact]
    public void A_report_lists_the_tasks_done_within_its_period()
    {
        var q1 = Expect.Ok(WorkedCampaign().SubmitReport(Submission("2022-Q1"), Today)).Reports[0];
        var q2 = Expect.Ok(WorkedCampaign().SubmitReport(Submission("2022-Q2"), Today)).Reports[0];

        Assert.Equal(["done-jan", "done-mar", "done-nochannel"], q1.TasksDone);
        Assert.DoesNotContain("done-jan", q2.TasksDone);
        Assert.NotEmpty(q2.TasksDone);
    }

    [Fact]
    public void A_report_lists_open_tasks_due_by_the_end_of_its_period_as_pending()
    {
        var q1 = Expect.Ok(WorkedCampaign().SubmitReport(Submission("2022-Q1"), Today)).Reports[0];
        var h1 = Expect.Ok(WorkedCampaign().SubmitReport(Submission("2022-H1"), Today)).Reports[0];

        Assert.Equal(["open-mar"], q1.TasksPending);
        Assert.Equal(["open-mar", "open-jun"], h1.TasksPending);
        Assert.DoesNotContain("cancelled-feb", h1.TasksDone.Concat(h1.TasksPending));
    }

    [Fact]
    public void A_report_is_a_snapshot_that_later_work_does_not_change()
    {
        var submitted = Expect.Ok(WorkedCampaign().SubmitReport(Submission("2022-Q1"), Today));

        var later = Expect.Ok(submitted.CompleteTask("open-mar", new TaskCompletion(CompletedOn: D(2022, 3, 30)), Today));

        Assert.Equal(["open-mar"], later.Reports[0].TasksPending);
        Assert.DoesNotContain("open-mar", later.Reports[0].TasksDone);
    }

    [Fact]
    public void Submitting_a_report_keeps_earlier_reports_and_appends_the_new_one()
    {
        var campaign = Expect.Ok(Samples.Campaign().SubmitReport(Submission("2022-Q1", D(2022, 3, 1)), Today));

        var next = Expect.Ok(campaign.SubmitReport(Submission("2022-Q2", D(2022, 5, 1)), Today));

        Assert.Equal(["2022-Q1", "2022-Q2"], next.Reports.Select(r => r.Period.ToString()));
        Assert.Single(campaign.Reports);
    }

    [Fact]
    public void A_report_of_another_year_belongs_to_that_years_campaign()
    {
        var draft = Samples.PlanDraft() with { Period = new PlanPeriod(D(2021, 1, 1), D(2025, 12, 31)), IssuedOn = D(2020, 12, 1) };
        var campaign = Expect.Ok(Campaign.Empty(2021).SetPlan(draft, D(2021, 1, 5)));

        Expect.Invalid(campaign.SubmitReport(Submission("2023-H1", D(2023, 6, 10)), D(2023, 6, 10)), "period", "outside_plan_period", "2023-H1", "2021-01-01–2021-12-31");
    }
}
