using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;
using TaskStatus = UnitGrains.Domain.TaskStatus;

namespace UnitGrains.Tests.Domain;

public class CampaignTaskLifecycleTests
{
    private static readonly PlanPeriod Period = new(D(2022, 1, 1), D(2022, 12, 31));

    /// <summary>Task T1: 24 press articles due 30 September 2022.</summary>
    private static CampaignTask Planned() => Samples.Task("T1", D(2022, 9, 30));

    private static CampaignTask InProgress() => Expect.Ok(Planned().Start(D(2022, 3, 1)));

    private static CampaignTask Done() => Expect.Ok(InProgress().Complete(Samples.Articles(20, D(2022, 6, 1)), Period, D(2022, 6, 2)));

    private static CampaignTask Cancelled() => Expect.Ok(Planned().Cancel("Trùng với kế hoạch của Sở", D(2022, 4, 1)));

    private static CampaignTask InState(TaskStatus status) => status switch
    {
        TaskStatus.Planned => Planned(),
        TaskStatus.InProgress => InProgress(),
        TaskStatus.Done => Done(),
        _ => Cancelled(),
    };

    [Fact]
    public void Starting_a_planned_task_puts_it_in_progress_from_today()
    {
        var task = Expect.Ok(Planned().Start(D(2022, 3, 1)));

        Assert.Equal(TaskStatus.InProgress, task.Status);
        Assert.Equal(D(2022, 3, 1), task.StartedOn);
        Assert.True(task.IsOpen);
    }

    [Fact]
    public void Completing_a_task_in_progress_records_date_actuals_and_evidence()
    {
        var task = Expect.Ok(InProgress().Complete(Samples.Articles(20, D(2022, 6, 1), "  https://baobinhphuoc.com.vn/cchc  "), Period, D(2022, 6, 2)));

        Assert.Equal(TaskStatus.Done, task.Status);
        Assert.Equal(D(2022, 3, 1), task.StartedOn);
        Assert.Equal(D(2022, 6, 1), task.CompletedOn);
        Assert.Equal("https://baobinhphuoc.com.vn/cchc", task.Evidence);
        Assert.Equal([new TaskOutput("articles", 24, "bài", Channel.Press, 20)], task.Outputs);
        Assert.False(task.IsOpen);
    }

    [Fact]
    public void Completing_a_planned_task_records_the_completion_date_as_its_start()
    {
        var task = Expect.Ok(Planned().Complete(Samples.Articles(24, D(2022, 5, 3)), Period, D(2022, 5, 10)));

        Assert.Equal(TaskStatus.Done, task.Status);
        Assert.Equal(D(2022, 5, 3), task.StartedOn);
        Assert.Equal(D(2022, 5, 3), task.CompletedOn);
    }

    [Fact]
    public void Completion_without_a_date_happens_today()
    {
        var task = Expect.Ok(InProgress().Complete(Samples.Articles(24), Period, D(2022, 7, 7)));

        Assert.Equal(D(2022, 7, 7), task.CompletedOn);
    }

    [Fact]
    public void A_task_without_outputs_completes_without_figures()
    {
        var task = Expect.Ok(Samples.PlainTaskDraft().Validate("T2", Samples.Plan()));

        var done = Expect.Ok(task.Complete(new TaskCompletion(), Period, D(2022, 6, 1)));

        Assert.Equal(TaskStatus.Done, done.Status);
        Assert.Null(done.Evidence);
    }

    [Theory]
    [InlineData(TaskStatus.Planned)]
    [InlineData(TaskStatus.InProgress)]
    public void An_open_task_can_be_cancelled_with_a_reason(TaskStatus from)
    {
        var task = Expect.Ok(InState(from).Cancel("  Không còn phù hợp ", D(2022, 8, 8)));

        Assert.Equal(TaskStatus.Cancelled, task.Status);
        Assert.Equal(D(2022, 8, 8), task.CancelledOn);
        Assert.Equal("Không còn phù hợp", task.CancelReason);
        Assert.False(task.IsOpen);
    }

    [Theory]
    [InlineData(TaskStatus.Planned, null)]
    [InlineData(TaskStatus.Planned, "")]
    [InlineData(TaskStatus.InProgress, "   ")]
    public void Cancelling_needs_a_reason(TaskStatus from, string? reason)
    {
        Expect.Invalid(InState(from).Cancel(reason, D(2022, 8, 8)), "reason", "required");
    }

    [Theory]
    [InlineData(TaskStatus.InProgress, "already in progress")]
    [InlineData(TaskStatus.Done, "completed on 2022-06-01")]
    [InlineData(TaskStatus.Cancelled, "cancelled on 2022-04-01")]
    public void Starting_a_task_that_is_not_planned_is_a_conflict(TaskStatus from, string why)
    {
        Expect.Conflict(InState(from).Start(D(2022, 9, 1)), "invalid_transition", "start", "'T1'", why);
    }

    [Theory]
    [InlineData(TaskStatus.Done, "completed on 2022-06-01")]
    [InlineData(TaskStatus.Cancelled, "cancelled on 2022-04-01")]
    public void Completing_a_closed_task_is_a_conflict(TaskStatus from, string why)
    {
        Expect.Conflict(InState(from).Complete(Samples.Articles(24), Period, D(2022, 9, 1)), "invalid_transition", "complete", "'T1'", why);
    }

    [Theory]
    [InlineData(TaskStatus.Done, "completed on 2022-06-01")]
    [InlineData(TaskStatus.Cancelled, "cancelled on 2022-04-01")]
    public void Cancelling_a_closed_task_is_a_conflict(TaskStatus from, string why)
    {
        Expect.Conflict(InState(from).Cancel("Lý do", D(2022, 9, 1)), "invalid_transition", "cancel", "'T1'", why);
    }

    [Fact]
    public void Starting_a_task_twice_is_a_conflict()
    {
        var started = Expect.Ok(Planned().Start(D(2022, 3, 1)));

        Expect.Conflict(started.Start(D(2022, 3, 2)), "invalid_transition");
    }

    [Fact]
    public void A_forbidden_transition_wins_over_invalid_input()
    {
        Expect.Conflict(Done().Complete(new TaskCompletion(CompletedOn: D(2030, 1, 1)), Period, D(2022, 9, 1)), "invalid_transition");
        Expect.Conflict(Cancelled().Cancel(null, D(2022, 9, 1)), "invalid_transition");
    }

    [Fact]
    public void Completing_needs_the_actual_value_of_every_output()
    {
        var task = Expect.Ok((Samples.TaskDraft() with
        {
            Outputs = [new TaskOutputDraft("articles", 24), new TaskOutputDraft("broadcasts", 48)],
        }).Validate("T1", Samples.Plan()));

        Expect.Invalid(task.Complete(Samples.Articles(24), Period, D(2022, 6, 1)), "outputs.broadcasts", "missing_actual", "'broadcasts'", "48", "'T1'");
    }

    [Fact]
    public void An_actual_of_zero_is_an_answer()
    {
        var task = Expect.Ok(Planned().Complete(Samples.Articles(0), Period, D(2022, 6, 1)));

        Assert.Equal(0m, task.Outputs[0].Actual);
        Assert.Equal(0m, task.Outputs[0].Achievement);
    }

    [Fact]
    public void An_actual_for_an_output_the_task_does_not_have_is_rejected()
    {
        var completion = new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 24, ["videos"] = 3 });

        Expect.Invalid(Planned().Complete(completion, Period, D(2022, 6, 1)), "outputs.videos", "unknown_output", "'videos'", "'articles'");
    }

    [Fact]
    public void An_actual_for_a_task_without_outputs_is_rejected()
    {
        var task = Expect.Ok(Samples.PlainTaskDraft().Validate("T2", Samples.Plan()));

        Expect.Invalid(task.Complete(Samples.Articles(3), Period, D(2022, 6, 1)), "outputs.articles", "unknown_output", "no outputs");
    }

    [Fact]
    public void A_negative_actual_is_rejected()
    {
        Expect.Invalid(Planned().Complete(Samples.Articles(-1), Period, D(2022, 6, 1)), "outputs.articles", "negative", "-1");
    }

    [Fact]
    public void A_task_cannot_be_completed_in_the_future()
    {
        Expect.Invalid(InProgress().Complete(Samples.Articles(24, D(2022, 6, 2)), Period, D(2022, 6, 1)), "completedOn", "in_future", "2022-06-02", "2022-06-01");
    }

    [Fact]
    public void A_task_cannot_be_completed_before_the_plan_period_starts()
    {
        var period = new PlanPeriod(D(2022, 7, 1), D(2022, 12, 31));

        Expect.Invalid(Planned().Complete(Samples.Articles(24, D(2022, 6, 30)), period, D(2022, 8, 1)), "completedOn", "before_plan", "2022-06-30", "2022-07-01");
    }

    [Fact]
    public void A_task_cannot_be_completed_before_it_was_started()
    {
        Expect.Invalid(InProgress().Complete(Samples.Articles(24, D(2022, 2, 28)), Period, D(2022, 6, 1)), "completedOn", "before_start", "2022-02-28", "2022-03-01");
    }

    [Fact]
    public void A_task_may_be_completed_on_the_day_it_was_started()
    {
        Assert.Equal(D(2022, 3, 1), Expect.Ok(InProgress().Complete(Samples.Articles(24, D(2022, 3, 1)), Period, D(2022, 6, 1))).CompletedOn);
    }

    [Fact]
    public void Completion_evidence_over_2000_characters_is_too_long()
    {
        Expect.Invalid(Planned().Complete(Samples.Articles(24, evidence: new string('e', 2_001)), Period, D(2022, 6, 1)), "evidence", "too_long");
    }

    [Fact]
    public void A_failed_completion_leaves_the_task_unchanged()
    {
        var task = InProgress();

        Assert.False(task.Complete(Samples.Articles(-1), Period, D(2022, 6, 1)).IsSuccess);

        Assert.Equal(TaskStatus.InProgress, task.Status);
        Assert.Null(task.Outputs[0].Actual);
    }

    [Theory]
    [InlineData(9, 29, true)]
    [InlineData(9, 30, true)] // on the due date
    [InlineData(10, 1, false)] // a day late: done, not on time
    public void A_task_is_done_on_time_when_completed_by_its_due_date(int month, int day, bool onTime)
    {
        var task = Expect.Ok(Planned().Complete(Samples.Articles(24, D(2022, month, day)), Period, D(2022, 12, 1)));

        Assert.Equal(TaskStatus.Done, task.Status);
        Assert.Equal(onTime, task.DoneOnTime);
    }

    [Theory]
    [InlineData(TaskStatus.Planned)]
    [InlineData(TaskStatus.InProgress)]
    [InlineData(TaskStatus.Cancelled)]
    public void A_task_that_is_not_done_is_not_done_on_time(TaskStatus status)
    {
        Assert.False(InState(status).DoneOnTime);
    }

    [Theory]
    [InlineData(TaskStatus.Planned, 9, 30, false)] // due today: not yet overdue
    [InlineData(TaskStatus.Planned, 10, 1, true)]
    [InlineData(TaskStatus.InProgress, 10, 1, true)]
    [InlineData(TaskStatus.InProgress, 3, 2, false)]
    [InlineData(TaskStatus.Done, 12, 31, false)]
    [InlineData(TaskStatus.Cancelled, 12, 31, false)]
    public void A_task_is_overdue_when_still_open_after_its_due_date(TaskStatus status, int month, int day, bool overdue)
    {
        Assert.Equal(overdue, InState(status).IsOverdue(D(2022, month, day)));
    }

    [Fact]
    public void A_task_completed_late_is_no_longer_overdue()
    {
        var late = Expect.Ok(Planned().Complete(Samples.Articles(24, D(2022, 11, 1)), Period, D(2022, 11, 2)));

        Assert.False(late.IsOverdue(D(2022, 12, 1)));
        Assert.False(late.DoneOnTime);
    }

    [Theory]
    [InlineData(12, 0.5)]
    [InlineData(24, 1)]
    [InlineData(48, 1)] // over-delivery is capped
    [InlineData(0, 0)]
    public void Achievement_is_actual_over_target_capped_at_one(int actual, double expected)
    {
        var output = new TaskOutput("articles", 24, Actual: actual);

        Assert.Equal((decimal)expected, output.Achievement);
    }

    [Fact]
    public void An_output_without_an_actual_has_no_achievement()
    {
        Assert.Equal(0m, new TaskOutput("articles", 24).Achievement);
    }

    [Fact]
    public void Progress_does_not_change_a_task_definition()
    {
        Assert.True(Done().SameDefinitionAs(Planned()));
        Assert.True(Cancelled().SameDefinitionAs(Planned()));
    }

    [Fact]
    public void A_task_rebuilt_from_the_same_draft_has_the_same_definition()
    {
        Assert.True(Samples.Task().SameDefinitionAs(Samples.Task()));
    }

    public static TheoryData<string> Redefinitions => ["title", "due", "target", "unit", "channel", "lead", "coordinators", "obligation", "description", "activity", "id"];

    [Theory]
    [MemberData(nameof(Redefinitions))]
    public void Changing_what_the_plan_says_changes_the_definition(string change)
    {
        var draft = Samples.TaskDraft("T1");
        var changed = change switch
        {
            "title" => draft with { Title = "Khác" },
            "due" => draft with { DueDate = D(2022, 10, 31) },
            "target" => draft with { Outputs = [new TaskOutputDraft("articles", 25, "bài", Channel.Press)] },
            "unit" => draft with { Outputs = [new TaskOutputDraft("articles", 24, "tin", Channel.Press)] },
            "channel" => draft with { Outputs = [new TaskOutputDraft("articles", 24, "bài", Channel.WebPortal)] },
            "lead" => draft with { Lead = Samples.Office },
            "coordinators" => draft with { Coordinators = [Samples.Office] },
            "obligation" => draft with { Obligation = Obligation.Requested },
            "description" => draft with { Description = "Mô tả" },
            "activity" => draft with { ActivityId = "bulletin" },
            _ => draft,
        };
        var id = change == "id" ? "T2" : "T1";

        var original = Expect.Ok(draft.Validate("T1", Samples.Plan()));
        var redefined = Expect.Ok(changed.Validate(id, Samples.Plan()));

        Assert.False(redefined.SameDefinitionAs(original));
    }

    [Fact]
    public void A_task_starts_on_the_day_given_within_the_plan_and_not_after_today()
    {
        var today = D(2022, 9, 1);
        var started = Expect.Ok(Planned().Start(new TaskStart(D(2022, 2, 1)), Period, today));
        Assert.Equal((TaskStatus.InProgress, D(2022, 2, 1)), (started.Status, started.StartedOn));
        Assert.Equal(today, Expect.Ok(Planned().Start(new TaskStart(), Period, today)).StartedOn);

        Assert.Equal(("in_future", "startedOn"), Single(Planned().Start(new TaskStart(D(2022, 9, 2)), Period, today)));
        Assert.Equal(("before_plan", "startedOn"), Single(Planned().Start(new TaskStart(D(2021, 12, 31)), Period, today)));
        Expect.Conflict(started.Start(new TaskStart(D(2022, 3, 1)), Period, today), "invalid_transition");

        // Completed after its dated start: accepted; before it: refused.
        Assert.Equal(D(2022, 3, 1), Expect.Ok(started.Complete(Samples.Articles(5, D(2022, 3, 1)), Period, today)).CompletedOn);
        Assert.Equal(("before_start", "completedOn"), Single(started.Complete(Samples.Articles(5, D(2022, 1, 31)), Period, today)));

        static (string, string?) Single(Outcome<CampaignTask> outcome) => Assert.Single(outcome.Errors) is var e ? (e.Code, e.Field) : default;
    }
}
