using System.Text.Json;
using CsCheck;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;
using TaskStatus = UnitGrains.Domain.TaskStatus;

namespace UnitGrains.Tests.Domain;

/// <summary>
/// Figures and lists have real-world bounds (<see cref="Bounds"/>): input beyond them is refused
/// per field, and whatever a campaign holds — even values that escaped validation — every rule
/// that reads it (achievement, own counts, report totals, the API's JSON) answers without throwing.
/// </summary>
public class BoundsTests
{
    private const decimal DecimalMax = 79228162514264337593543950335m;

    private static Campaign WithArticlesTask() => Samples.Campaign().WithTasks(Samples.TaskDraft("T1"));

    [Fact]
    public void An_output_too_large_for_any_commune_is_refused_by_field()
    {
        var outcome = WithArticlesTask().CompleteTask("T1", Samples.Articles(DecimalMax), Samples.Today);

        Expect.Only(outcome, ErrorKind.Validation, "out_of_range", "outputs.articles", "'articles'", "1,000,000,000");
    }

    [Theory]
    [InlineData(1_000_000_000.5)]
    [InlineData(-0.0001)]
    public void An_output_just_outside_the_bounds_is_refused(double actual)
    {
        var outcome = WithArticlesTask().CompleteTask("T1", Samples.Articles((decimal)actual), Samples.Today);

        Assert.Equal("outputs.articles", Assert.Single(outcome.Errors).Field);
    }

    [Fact]
    public void Figures_take_at_most_four_decimals()
    {
        Expect.Only(WithArticlesTask().CompleteTask("T1", Samples.Articles(1.23456m), Samples.Today), ErrorKind.Validation, "too_precise", "outputs.articles");
        Expect.Ok(WithArticlesTask().CompleteTask("T1", Samples.Articles(99.5m), Samples.Today));
    }

    [Fact]
    public void Targets_and_reported_figures_have_the_same_bounds()
    {
        var task = Samples.TaskDraft("T9") with { Outputs = [new TaskOutputDraft("articles", 2_000_000_000m)] };
        Expect.Only(Samples.Campaign().AddTask(task), ErrorKind.Validation, "out_of_range", "outputs[0].target");

        var plan = Samples.PlanDraft() with { Targets = [new PlanTarget("dossiers", "Hồ sơ công khai", DecimalMax, "%")] };
        Expect.Has(plan.Validate(Samples.Year, Samples.Today), ErrorKind.Validation, "out_of_range", "targets[0].value");

        var report = new ReportSubmission("2022-Q1", OutputsByChannel: new Dictionary<Channel, decimal> { [Channel.WebPortal] = DecimalMax });
        var reporting = Samples.Campaign(Samples.PlanDraftReporting(new ReportRequirement(ReportFrequency.Quarterly, 5, 0)));
        Expect.Only(reporting.SubmitReport(report, D(2022, 3, 3)), ErrorKind.Validation, "out_of_range", "outputsByChannel.webPortal");
    }

    [Fact]
    public void Completing_with_any_decimal_never_throws_and_a_stored_completion_reads_and_counts()
    {
        var campaign = WithArticlesTask();
        Gen.Decimal.Sample(actual =>
        {
            var outcome = campaign.CompleteTask("T1", Samples.Articles(actual), Samples.Today);
            if (!outcome.IsSuccess)
            {
                Assert.All(outcome.Errors, e => Assert.Equal("outputs.articles", e.Field));
                return;
            }

            var done = outcome.GetValue();
            var output = Assert.Single(done.FindTask("T1")!.Outputs);
            Assert.InRange(output.Actual!.Value, 0, Bounds.MaxQuantity);
            Assert.InRange(output.Achievement, 0, 1);
            _ = RegimeDuty.Own(Samples.Year, done, expectsPlan: true, Samples.Today, 0);
            _ = JsonSerializer.Serialize(RegimeDuty.ViewOf("70", done, Samples.Today), ApiJson.Options);
        });
    }

    [Fact]
    public void Achievement_is_total_over_any_stored_figures()
    {
        Gen.Select(Gen.Decimal, Gen.Decimal.Nullable()).Sample((target, actual) =>
        {
            var output = new TaskOutput("articles", target, Actual: actual);
            Assert.InRange(output.Achievement, 0, 1);
            Assert.Equal(!(target > 0 && target <= Bounds.MaxQuantity && (actual is not { } a || (a >= 0 && a <= Bounds.MaxQuantity))), output.OutOfBounds);
        });
    }

    [Fact]
    public void A_campaign_holding_figures_that_escaped_validation_still_reads_counts_and_reports()
    {
        // As if written before the bounds existed: the target 1, the actual the largest decimal, twice.
        var poisoned = new TaskOutput("articles", 1, "bài", Channel.Press, DecimalMax);
        var task = Samples.Task() with { Status = TaskStatus.Done, CompletedOn = D(2022, 2, 1), Outputs = [poisoned] };
        var campaign = Samples.Campaign(Samples.PlanDraftReporting(new ReportRequirement(ReportFrequency.Quarterly, 5, 0))) with
        {
            Tasks = [task, task with { Id = "T2" }],
        };

        var counts = RegimeDuty.Own(Samples.Year, campaign, expectsPlan: true, Samples.Today, 0);
        var json = JsonSerializer.Serialize(RegimeDuty.ViewOf("70", campaign, Samples.Today), ApiJson.Options);
        var report = Expect.Ok(campaign.SubmitReport(new ReportSubmission("2022-Q1"), D(2022, 3, 3))).Reports[^1];

        Assert.Equal(2, counts.OutputTargets);
        Assert.Equal(0, counts.OutputAchievement);
        Assert.Contains("\"outOfBounds\":true", json, StringComparison.Ordinal);
        Assert.Equal(2 * Bounds.MaxQuantity, report.OutputsByChannel[Channel.Press]);
    }

    [Fact]
    public void Output_totals_never_overflow()
    {
        Gen.Decimal.Array[0, 200].Sample(values =>
        {
            var totals = OutputTotals.Sum(values.Select(v => new KeyValuePair<Channel, decimal>(Channel.Press, v)));
            Assert.InRange(totals.GetValueOrDefault(Channel.Press), 0, values.Length * Bounds.MaxQuantity);
        });
    }

    [Fact]
    public void A_null_item_in_any_list_of_a_plan_is_blamed_on_its_place()
    {
        var draft = Samples.PlanDraft() with
        {
            LegalBases = [Samples.PlanDraft().LegalBases![0], null!],
            Targets = [null!],
            KeyActivities = [null!],
            Assignments = [null!, new Assignment(Samples.Office, Obligation.Assigned, [null!])],
            Reporting = new ReportingRegimeDraft([null!]),
        };

        var outcome = draft.Validate(Samples.Year, Samples.Today);

        Assert.Equal(
            ["assignments[0]", "assignments[1].duties[0]", "keyActivities[0]", "legalBases[1]", "reporting.requirements[0]", "targets[0]"],
            outcome.Errors.Select(e => e.Field!).Order(StringComparer.Ordinal));
        Assert.All(outcome.Errors, e => Assert.Equal("required", e.Code));
    }

    [Fact]
    public void A_null_task_or_output_is_blamed_on_its_place()
    {
        var import = Campaign.Empty(Samples.Year).Import(Samples.PlanDraft(), [Samples.TaskDraft("T1"), null!], Samples.Today);
        var task = Samples.Campaign().AddTask(Samples.TaskDraft() with { Outputs = [null!], Coordinators = [null!] });

        Expect.Only(import, ErrorKind.Validation, "required", "tasks[1]");
        Assert.Equal(["coordinators[0]", "outputs[0]"], task.Errors.Select(e => e.Field!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Lists_and_campaigns_are_bounded()
    {
        var tooMany = Enumerable.Range(0, Bounds.MaxListItems + 1).Select(i => new LegalBasis(LegalBasisKind.Other, $"{i}/QĐ")).ToArray();
        Expect.Has((Samples.PlanDraft() with { LegalBases = tooMany }).Validate(Samples.Year, Samples.Today), ErrorKind.Validation, "too_many", "legalBases");

        var full = Samples.Campaign() with { Tasks = [.. Enumerable.Range(1, Bounds.MaxTasks).Select(i => Samples.Task($"T{i}"))] };
        Expect.Only(full.AddTask(Samples.PlainTaskDraft()), ErrorKind.Conflict, "too_many_tasks", null, "1,000");
    }

    [Fact]
    public void Texts_of_a_target_are_checked_like_every_other_text()
    {
        var plan = Samples.PlanDraft() with
        {
            Targets = [new PlanTarget("a", "Mô tả", 1, "ha\0lo"), new PlanTarget("b", "Mô tả", 1, new string('x', 30_000))],
        };

        var outcome = plan.Validate(Samples.Year, Samples.Today);

        Expect.Has(outcome, ErrorKind.Validation, "control_characters", "targets[0].unit");
        Expect.Has(outcome, ErrorKind.Validation, "too_long", "targets[1].unit");
    }

    [Fact]
    public void Dates_a_plan_sets_fall_within_a_plausible_window()
    {
        var outcome = (Samples.PlanDraft() with
        {
            IssueDeadline = D(9999, 12, 31),
            LegalBases = [new LegalBasis(LegalBasisKind.Other, "1/QĐ", IssuedOn: D(1, 1, 1))],
            Assignments = [new Assignment(Samples.Office, Obligation.Assigned, ["Ban hành kế hoạch"], D(9999, 1, 1))],
        }).Validate(Samples.Year, Samples.Today);

        Assert.Equal(
            ["assignments[0].planDeadline", "issueDeadline", "legalBases[0].issuedOn"],
            outcome.Errors.Select(e => e.Field!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(int.MaxValue, 1, "offset")]
    [InlineData(int.MaxValue - 5, 1000, "offset")]
    [InlineData(-1, 10, "offset")]
    [InlineData(0, 0, "limit")]
    [InlineData(0, 1001, "limit")]
    public void Paging_out_of_range_is_refused_by_field(int offset, int limit, string field)
    {
        Expect.Only(PageRequest.From(offset, limit), ErrorKind.Validation, "out_of_range", field);
    }

    [Fact]
    public void Paging_within_the_depth_is_accepted()
    {
        Assert.Equal(new PageRequest(0, PageRequest.DefaultLimit), Expect.Ok(PageRequest.From(null, null)));
        Assert.Equal(10_000, Expect.Ok(PageRequest.From(9_000, 1_000, maxDepth: 10_000)).End);
        Expect.Only(PageRequest.From(9_001, 1_000, maxDepth: 10_000), ErrorKind.Validation, "out_of_range", "offset");
    }
}
