using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;
using TaskStatus = UnitGrains.Domain.TaskStatus;

namespace UnitGrains.Tests.Domain;

public class CampaignTests
{
    private static readonly DateOnly Today = Samples.Today;

    [Fact]
    public void An_empty_campaign_has_no_plan_tasks_or_reports_and_numbers_tasks_from_one()
    {
        var campaign = Campaign.Empty(2022);

        Assert.Equal(2022, campaign.Year);
        Assert.Null(campaign.Plan);
        Assert.Empty(campaign.Tasks);
        Assert.Empty(campaign.Reports);
        Assert.Equal(1, campaign.NextTaskNumber);
    }

    // ----- SetPlan -----

    [Fact]
    public void Setting_a_valid_plan_stores_it()
    {
        var campaign = Expect.Ok(Campaign.Empty(2022).SetPlan(Samples.PlanDraft(), Today));

        Assert.Equal("116/KH-UBND", campaign.Plan?.Identifier);
    }

    [Fact]
    public void Setting_an_invalid_plan_returns_its_errors()
    {
        var outcome = Campaign.Empty(2022).SetPlan(Samples.PlanDraft() with { Title = null, Channels = [Channel.Press, Channel.Press] }, Today);

        Assert.Equal(["title", "channels[1]"], outcome.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_plan_is_checked_against_the_campaign_year()
    {
        var outcome = Campaign.Empty(2023).SetPlan(Samples.PlanDraft(), Today);

        Expect.Invalid(outcome, "period.from", "period_outside_campaign", "2023");
    }

    [Fact]
    public void Replacing_the_plan_keeps_tasks_that_stay_inside_the_new_period()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft(due: D(2022, 9, 30)));

        var replaced = Expect.Ok(campaign.SetPlan(Samples.PlanDraft() with { Title = "Kế hoạch (sửa đổi)", Period = new PlanPeriod(D(2022, 3, 1), D(2022, 9, 30)) }, Today));

        Assert.Equal("Kế hoạch (sửa đổi)", replaced.Plan?.Title);
        Assert.Equal(["T1"], replaced.Tasks.Select(t => t.Id));
    }

    [Fact]
    public void A_new_period_that_strands_existing_tasks_is_rejected()
    {
        var campaign = Samples.Campaign().WithTasks(
            Samples.TaskDraft("early", D(2022, 2, 28)),
            Samples.TaskDraft("middle", D(2022, 6, 30)),
            Samples.TaskDraft("late", D(2022, 12, 31)));

        var outcome = campaign.SetPlan(Samples.PlanDraft() with { Period = new PlanPeriod(D(2022, 3, 1), D(2022, 11, 30)) }, Today);

        var error = Expect.Invalid(outcome, "period", "tasks_outside_period", "'early' (due 2022-02-28)", "'late' (due 2022-12-31)", "2022-03-01–2022-11-30");
        Assert.DoesNotContain("middle", error.Message, StringComparison.Ordinal);
    }

    // ----- AddTask(s) -----

    [Fact]
    public void Tasks_need_a_plan()
    {
        Expect.NotFound(Campaign.Empty(2022).AddTask(Samples.TaskDraft()), "plan_not_found", "2022");
    }

    [Fact]
    public void A_task_without_an_id_is_numbered_T1_T2_in_order()
    {
        var first = Expect.Ok(Samples.Campaign().AddTask(Samples.TaskDraft()));
        var second = Expect.Ok(first.AddTask(Samples.PlainTaskDraft()));

        Assert.Equal(["T1", "T2"], second.Tasks.Select(t => t.Id));
        Assert.Equal(3, second.NextTaskNumber);
    }

    [Fact]
    public void Adding_several_tasks_numbers_them_in_order_and_keeps_the_next_number()
    {
        var campaign = Expect.Ok(Samples.Campaign().AddTasks([Samples.TaskDraft(), Samples.PlainTaskDraft(), Samples.TaskDraft()]));

        Assert.Equal(["T1", "T2", "T3"], campaign.Tasks.Select(t => t.Id));
        Assert.Equal(4, campaign.NextTaskNumber);
        Assert.All(campaign.Tasks, t => Assert.Equal(TaskStatus.Planned, t.Status));
    }

    [Fact]
    public void A_task_with_its_own_id_keeps_it_and_does_not_use_a_number()
    {
        var campaign = Expect.Ok(Samples.Campaign().AddTasks([Samples.TaskDraft("press-2022"), Samples.PlainTaskDraft()]));

        Assert.Equal(["press-2022", "T1"], campaign.Tasks.Select(t => t.Id));
        Assert.Equal(2, campaign.NextTaskNumber);
    }

    [Fact]
    public void An_assigned_id_never_collides_with_an_id_chosen_by_the_author()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft("T1"), Samples.TaskDraft("T2"));

        var added = Expect.Ok(campaign.AddTask(Samples.PlainTaskDraft()));

        Assert.Equal(3, added.Tasks.Count);
        Assert.Equal(added.Tasks.Count, added.Tasks.Select(t => t.Id).Distinct().Count());
        Assert.Equal($"T{added.NextTaskNumber - 1}", added.Tasks[^1].Id);
    }

    [Fact]
    public void An_assigned_id_skips_an_id_chosen_later_in_the_same_batch()
    {
        var campaign = Expect.Ok(Samples.Campaign().AddTasks([Samples.PlainTaskDraft(), Samples.TaskDraft("T1")]));

        Assert.Equal(["T2", "T1"], campaign.Tasks.Select(t => t.Id));
        Assert.Equal(3, campaign.NextTaskNumber);
    }

    [Theory]
    [InlineData("T5", 6)]
    [InlineData("T1", 2)]
    [InlineData("T05", 1)] // not the assigned form
    [InlineData("t5", 1)]
    [InlineData("T5a", 1)]
    [InlineData("T9999999999", 1)] // beyond the counter
    public void An_author_id_of_the_assigned_form_moves_the_counter_past_it(string id, int next)
    {
        var campaign = Expect.Ok(Samples.Campaign().AddTask(Samples.TaskDraft(id)));

        Assert.Equal(next, campaign.NextTaskNumber);
    }

    [Fact]
    public void The_next_assigned_id_is_always_free()
    {
        // The grain predicts the id of a task it adds as T{NextTaskNumber}.
        var campaign = Samples.Campaign().WithTasks(Samples.PlainTaskDraft(), Samples.TaskDraft("T4"), Samples.PlainTaskDraft("T2"));

        Assert.Null(campaign.FindTask($"T{campaign.NextTaskNumber}"));
        var added = Expect.Ok(campaign.AddTask(Samples.PlainTaskDraft()));
        Assert.NotNull(added.FindTask($"T{campaign.NextTaskNumber}"));
    }

    [Fact]
    public void A_task_id_already_in_the_campaign_is_a_conflict()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft("press"));

        Expect.Conflict(campaign.AddTask(Samples.PlainTaskDraft("press")), "duplicate_task", "'press'", "2022");
    }

    [Fact]
    public void The_same_id_twice_in_one_batch_is_a_conflict()
    {
        Expect.Conflict(Samples.Campaign().AddTasks([Samples.TaskDraft("press"), Samples.PlainTaskDraft("press")]), "duplicate_task", "'press'");
    }

    [Fact]
    public void Adding_tasks_is_all_or_nothing()
    {
        var campaign = Samples.Campaign();

        var outcome = campaign.AddTasks([Samples.TaskDraft(), Samples.TaskDraft(due: D(2023, 1, 1)), Samples.PlainTaskDraft() with { Title = null }]);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(["tasks[1].dueDate", "tasks[2].title"], outcome.Errors.Select(e => e.Field));
        Assert.Empty(campaign.Tasks);
        Assert.Equal(1, campaign.NextTaskNumber);
    }

    [Fact]
    public void The_errors_of_a_single_task_have_no_list_prefix()
    {
        Expect.Invalid(Samples.Campaign().AddTask(Samples.TaskDraft(due: D(2023, 1, 1))), "dueDate", "outside_plan_period", "2023-01-01");
    }

    [Fact]
    public void Adding_no_tasks_changes_nothing()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft());

        var same = Expect.Ok(campaign.AddTasks([]));

        Assert.Equal(campaign.Tasks, same.Tasks);
        Assert.Equal(campaign.NextTaskNumber, same.NextTaskNumber);
    }

    // ----- Start / Complete / Cancel through the campaign -----

    [Fact]
    public void Starting_completing_and_cancelling_update_only_the_named_task()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft(), Samples.PlainTaskDraft(), Samples.PlainTaskDraft());

        var started = Expect.Ok(campaign.StartTask("T1", D(2022, 3, 1)));
        var completed = Expect.Ok(started.CompleteTask("T2", new TaskCompletion(Evidence: "Biên bản"), D(2022, 4, 1)));
        var cancelled = Expect.Ok(completed.CancelTask("T3", "Gộp vào T2", D(2022, 4, 2)));

        Assert.Equal([TaskStatus.InProgress, TaskStatus.Planned, TaskStatus.Planned], started.Tasks.Select(t => t.Status));
        Assert.Equal([TaskStatus.InProgress, TaskStatus.Done, TaskStatus.Planned], completed.Tasks.Select(t => t.Status));
        Assert.Equal([TaskStatus.InProgress, TaskStatus.Done, TaskStatus.Cancelled], cancelled.Tasks.Select(t => t.Status));
        Assert.Equal(["T1", "T2", "T3"], cancelled.Tasks.Select(t => t.Id));
        Assert.All(campaign.Tasks, t => Assert.Equal(TaskStatus.Planned, t.Status));
    }

    [Fact]
    public void Changing_an_unknown_task_is_not_found()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft());

        Expect.NotFound(campaign.StartTask("T9", Today), "task_not_found", "'T9'", "2022");
        Expect.NotFound(campaign.CompleteTask("T9", new TaskCompletion(), Today), "task_not_found", "'T9'");
        Expect.NotFound(campaign.CancelTask("T9", "x", Today), "task_not_found", "'T9'");
    }

    [Fact]
    public void Changing_a_task_without_a_plan_is_not_found()
    {
        Expect.NotFound(Campaign.Empty(2022).StartTask("T1", Today), "plan_not_found");
        Expect.NotFound(Campaign.Empty(2022).CompleteTask("T1", new TaskCompletion(), Today), "plan_not_found");
        Expect.NotFound(Campaign.Empty(2022).CancelTask("T1", "x", Today), "plan_not_found");
    }

    [Fact]
    public void Task_ids_are_case_sensitive()
    {
        Expect.NotFound(Samples.Campaign().WithTasks(Samples.TaskDraft()).StartTask("t1", Today), "task_not_found");
    }

    [Fact]
    public void Completion_is_checked_against_the_plan_period()
    {
        var campaign = Samples.Campaign(Samples.PlanDraft() with { Period = new PlanPeriod(D(2022, 7, 1), D(2022, 12, 31)) }).WithTasks(Samples.PlainTaskDraft(due: D(2022, 8, 1)));

        Expect.Invalid(campaign.CompleteTask("T1", new TaskCompletion(CompletedOn: D(2022, 6, 30)), D(2022, 8, 1)), "completedOn", "before_plan");
    }

    [Fact]
    public void A_forbidden_transition_through_the_campaign_is_a_conflict()
    {
        var campaign = Expect.Ok(Samples.Campaign().WithTasks(Samples.PlainTaskDraft()).CancelTask("T1", "Lý do", Today));

        Expect.Conflict(campaign.CompleteTask("T1", new TaskCompletion(), Today), "invalid_transition", "'T1'");
    }

    // ----- Import -----

    private static readonly TaskDraft[] FileTasks =
    [
        Samples.TaskDraft("press", D(2022, 9, 30)),
        Samples.PlainTaskDraft("posting", D(2022, 6, 30)),
    ];

    [Fact]
    public void Importing_sets_the_plan_and_adds_the_tasks()
    {
        var campaign = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));

        Assert.Equal("116/KH-UBND", campaign.Plan?.Identifier);
        Assert.Equal(["press", "posting"], campaign.Tasks.Select(t => t.Id));
    }

    [Fact]
    public void Importing_is_all_or_nothing_on_the_tasks()
    {
        var outcome = Campaign.Empty(2022).Import(Samples.PlanDraft(), [.. FileTasks, Samples.TaskDraft("bad", D(2023, 2, 1))], Today);

        Expect.Invalid(outcome, "tasks[2].dueDate", "outside_plan_period");
    }

    [Fact]
    public void Importing_an_invalid_plan_adds_no_tasks()
    {
        var outcome = Campaign.Empty(2022).Import(Samples.PlanDraft() with { Title = "" }, FileTasks, Today);

        Expect.Invalid(outcome, "plan.title", "required");
    }

    [Fact]
    public void Import_errors_name_the_task_by_its_position_in_the_file()
    {
        var imported = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));

        var outcome = imported.Import(Samples.PlanDraft(), [.. FileTasks, Samples.TaskDraft("new", D(2023, 2, 1))], Today);

        Expect.Invalid(outcome, "tasks[2].dueDate", "outside_plan_period");
    }

    [Fact]
    public void Import_reports_redefined_and_invalid_new_tasks_together()
    {
        var imported = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));

        var outcome = imported.Import(Samples.PlanDraft(), [FileTasks[0] with { Title = "Khác" }, FileTasks[1], Samples.TaskDraft("new") with { Lead = null }], Today);

        Assert.Equal(2, outcome.Errors.Count);
        Expect.Has(outcome, ErrorKind.Conflict, "task_redefined", null, "'press'");
        Expect.Has(outcome, ErrorKind.Validation, "required", "tasks[2].lead");
    }

    [Fact]
    public void Import_reports_an_invalid_existing_task_at_its_place_in_the_file()
    {
        var imported = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));

        var outcome = imported.Import(Samples.PlanDraft(), [FileTasks[0], FileTasks[1] with { Title = " " }], Today);

        Expect.Invalid(outcome, "tasks[1].title", "required");
    }

    [Fact]
    public void Reimporting_the_same_file_changes_nothing()
    {
        var imported = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));

        var reimported = Expect.Ok(imported.Import(Samples.PlanDraft(), FileTasks, Today));

        Expect.SameJson(imported, reimported);
        Assert.Equal(imported.Tasks, reimported.Tasks);
        Assert.Equal(imported.NextTaskNumber, reimported.NextTaskNumber);
    }

    [Fact]
    public void A_new_plan_cannot_drop_a_key_activity_that_tasks_belong_to()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft("B1") with { ActivityId = "bulletin" });

        var outcome = campaign.SetPlan(Samples.PlanDraft() with { KeyActivities = [] }, Today);

        Assert.False(outcome.IsSuccess);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("keyActivities", "activity_in_use"), (error.Field, error.Code));
        Assert.Contains("'B1'", error.Message);
    }

    [Fact]
    public void Importing_a_file_whose_tasks_have_no_ids_is_refused()
    {
        TaskDraft[] tasks = [Samples.TaskDraft() with { Id = "K1" }, Samples.PlainTaskDraft() with { Id = null }];

        var outcome = Campaign.Empty(2022).Import(Samples.PlanDraft(), tasks, Today);

        Assert.False(outcome.IsSuccess);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("tasks[1].id", "required"), (error.Field, error.Code));
    }

    [Fact]
    public void Reimporting_keeps_the_progress_of_tasks()
    {
        var imported = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));
        var worked = Expect.Ok(Expect.Ok(imported.StartTask("press", D(2022, 3, 1))).CompleteTask("posting", new TaskCompletion(CompletedOn: D(2022, 4, 1)), Today));

        var reimported = Expect.Ok(worked.Import(Samples.PlanDraft(), FileTasks, Today));

        Assert.Equal([TaskStatus.InProgress, TaskStatus.Done], reimported.Tasks.Select(t => t.Status));
        Assert.Equal(D(2022, 3, 1), reimported.FindTask("press")?.StartedOn);
        Assert.Equal(D(2022, 4, 1), reimported.FindTask("posting")?.CompletedOn);
    }

    [Fact]
    public void Reimporting_with_a_changed_task_definition_is_a_conflict()
    {
        var imported = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));

        var outcome = imported.Import(Samples.PlanDraft(), [FileTasks[0] with { DueDate = D(2022, 10, 31) }, FileTasks[1]], Today);

        Expect.Conflict(outcome, "task_redefined", "'press'");
    }

    [Fact]
    public void Reimporting_adds_the_tasks_new_to_the_file_only()
    {
        var imported = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));

        var reimported = Expect.Ok(imported.Import(Samples.PlanDraft(), [.. FileTasks, Samples.TaskDraft("radio", D(2022, 11, 30))], Today));

        Assert.Equal(["press", "posting", "radio"], reimported.Tasks.Select(t => t.Id));
    }

    [Fact]
    public void Reimporting_may_revise_the_plan_itself()
    {
        var imported = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));

        var reimported = Expect.Ok(imported.Import(Samples.PlanDraft() with { Signer = "Trần Thị B" }, FileTasks, Today));

        Assert.Equal("Trần Thị B", reimported.Plan?.Signer);
    }

    [Fact]
    public void Reimporting_a_plan_whose_period_strands_recorded_tasks_is_rejected()
    {
        var imported = Expect.Ok(Campaign.Empty(2022).Import(Samples.PlanDraft(), FileTasks, Today));

        var outcome = imported.Import(Samples.PlanDraft() with { Period = new PlanPeriod(D(2022, 1, 1), D(2022, 8, 31)) }, [FileTasks[1]], Today);

        Expect.Invalid(outcome, "plan.period", "tasks_outside_period", "'press'");
    }
}
