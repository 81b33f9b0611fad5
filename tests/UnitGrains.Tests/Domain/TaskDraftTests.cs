using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;
using TaskStatus = UnitGrains.Domain.TaskStatus;

namespace UnitGrains.Tests.Domain;

public class TaskDraftTests
{
    private static readonly Plan Plan = Samples.Plan();

    [Fact]
    public void A_valid_draft_becomes_a_planned_task()
    {
        var draft = Samples.TaskDraft() with
        {
            Title = "  Đăng tin bài  ",
            Coordinators = [Samples.HomeAffairs],
            Description = " Mỗi tháng 2 bài ",
            ActivityId = "bulletin",
            Obligation = Obligation.Requested,
        };

        var task = Expect.Ok(draft.Validate("T7", Plan));

        Assert.Equal("T7", task.Id);
        Assert.Equal("Đăng tin bài", task.Title);
        Assert.Equal(Samples.Information, task.Lead);
        Assert.Equal([Samples.HomeAffairs], task.Coordinators);
        Assert.Equal(Obligation.Requested, task.Obligation);
        Assert.Equal(D(2022, 9, 30), task.DueDate);
        Assert.Equal("Mỗi tháng 2 bài", task.Description);
        Assert.Equal("bulletin", task.ActivityId);
        Assert.Equal(TaskStatus.Planned, task.Status);
        Assert.Equal([new TaskOutput("articles", 24, "bài", Channel.Press)], task.Outputs);
        Assert.Null(task.StartedOn);
        Assert.Null(task.CompletedOn);
    }

    [Fact]
    public void A_task_without_a_due_date_runs_to_the_end_of_the_plan_period()
    {
        var task = Expect.Ok((Samples.TaskDraft() with { DueDate = null }).Validate("T1", Plan));

        Assert.Equal(D(2022, 12, 31), task.DueDate);
    }

    [Theory]
    [InlineData(2021, 12, 31)]
    [InlineData(2023, 1, 1)]
    [InlineData(2025, 6, 30)]
    public void A_due_date_outside_the_plan_period_is_rejected(int year, int month, int day)
    {
        var draft = Samples.TaskDraft() with { DueDate = D(year, month, day) };

        Expect.Invalid(draft.Validate("T1", Plan), "dueDate", "outside_plan_period", $"{year}-{month:D2}-{day:D2}", "2022-01-01–2022-12-31");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(12, 31)]
    public void A_due_date_on_the_first_or_last_day_of_the_plan_is_inside_it(int month, int day)
    {
        Expect.Ok((Samples.TaskDraft() with { DueDate = D(2022, month, day) }).Validate("T1", Plan));
    }

    [Fact]
    public void Error_paths_are_prefixed_with_the_given_field()
    {
        var draft = Samples.TaskDraft() with { DueDate = D(2023, 3, 1) };

        Expect.Invalid(draft.Validate("T1", Plan, "tasks[3]"), "tasks[3].dueDate", "outside_plan_period");
    }

    [Theory]
    [InlineData("")]
    [InlineData("T 1")]
    [InlineData("nhiệm-vụ")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void A_malformed_id_is_rejected(string id)
    {
        Expect.Invalid(Samples.TaskDraft().Validate(id, Plan), "id", "malformed_id", $"'{id}'");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_task_needs_a_title(string? title)
    {
        Expect.Invalid((Samples.TaskDraft() with { Title = title }).Validate("T1", Plan), "title", "required");
    }

    [Fact]
    public void A_title_over_1000_characters_is_too_long()
    {
        Expect.Invalid((Samples.TaskDraft() with { Title = new string('a', 1_001) }).Validate("T1", Plan), "title", "too_long");
    }

    [Fact]
    public void A_task_needs_a_lead()
    {
        Expect.Invalid((Samples.TaskDraft() with { Lead = null }).Validate("T1", Plan), "lead", "required");
    }

    [Fact]
    public void A_lead_needs_a_name()
    {
        Expect.Invalid((Samples.TaskDraft() with { Lead = new Agency(" ", "70-SNV") }).Validate("T1", Plan), "lead.name", "required");
    }

    [Fact]
    public void A_lead_code_must_be_well_formed()
    {
        Expect.Invalid((Samples.TaskDraft() with { Lead = new Agency("Sở Nội vụ", "70-snv") }).Validate("T1", Plan), "lead.code", "malformed_unit_code", "'70-snv'");
    }

    [Fact]
    public void A_lead_may_be_a_body_outside_the_hierarchy()
    {
        var task = Expect.Ok((Samples.TaskDraft() with { Lead = new Agency("Phòng Văn hóa – Xã hội") }).Validate("T1", Plan));

        Assert.Null(task.Lead.Code);
    }

    [Fact]
    public void Coordinators_are_validated_one_by_one()
    {
        var draft = Samples.TaskDraft() with { Coordinators = [Samples.Office, new Agency("Đài PT-TH", "70-?")] };

        Expect.Invalid(draft.Validate("T1", Plan), "coordinators[1].code", "malformed_unit_code", "'70-?'");
    }

    [Fact]
    public void An_unknown_key_activity_is_rejected()
    {
        Expect.Invalid((Samples.TaskDraft() with { ActivityId = "dialogue" }).Validate("T1", Plan), "activityId", "unknown_activity", "'dialogue'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void An_output_target_must_be_greater_than_zero(int target)
    {
        var draft = Samples.TaskDraft() with { Outputs = [new TaskOutputDraft("articles", 24), new TaskOutputDraft("broadcasts", target)] };

        Expect.Invalid(draft.Validate("T1", Plan), "outputs[1].target", "not_positive", "'broadcasts'", target.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_output_target_is_required()
    {
        var draft = Samples.TaskDraft() with { Outputs = [new TaskOutputDraft("articles", null)] };

        Expect.Invalid(draft.Validate("T1", Plan), "outputs[0].target", "not_positive", "'articles'", "missing");
    }

    [Fact]
    public void A_fractional_output_target_is_allowed()
    {
        var draft = Samples.TaskDraft() with { Outputs = [new TaskOutputDraft("dossiers-published", 0.5m, "%")] };

        Assert.Equal(0.5m, Expect.Ok(draft.Validate("T1", Plan)).Outputs[0].Target);
    }

    [Fact]
    public void Output_metrics_are_unique()
    {
        var draft = Samples.TaskDraft() with
        {
            Outputs = [new TaskOutputDraft("articles", 24), new TaskOutputDraft("participants", 300), new TaskOutputDraft("articles", 12)],
        };

        Expect.Invalid(draft.Validate("T1", Plan), "outputs[2].metric", "duplicate", "'articles'");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bài viết")]
    public void Output_metrics_must_be_well_formed(string? metric)
    {
        var draft = Samples.TaskDraft() with { Outputs = [new TaskOutputDraft(metric, 24)] };

        Expect.Invalid(draft.Validate("T1", Plan), "outputs[0].metric", "malformed_id", $"'{metric}'");
    }

    [Fact]
    public void An_output_unit_over_50_characters_is_too_long()
    {
        var draft = Samples.TaskDraft() with { Outputs = [new TaskOutputDraft("articles", 24, new string('u', 51))] };

        Expect.Invalid(draft.Validate("T1", Plan), "outputs[0].unit", "too_long");
    }

    [Fact]
    public void Every_broken_rule_of_a_task_is_reported_at_once()
    {
        var draft = new TaskDraft(null, null, DueDate: D(2023, 1, 1), Outputs: [new TaskOutputDraft("x", 0)]);

        var outcome = draft.Validate("bad id", Plan, "tasks[0]");

        Assert.Equal(
            ["tasks[0].id", "tasks[0].title", "tasks[0].lead", "tasks[0].dueDate", "tasks[0].outputs[0].target"],
            outcome.Errors.Select(e => e.Field));
    }
}
