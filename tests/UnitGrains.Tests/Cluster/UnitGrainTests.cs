using System.Text.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Plans;
using TaskStatus = UnitGrains.Domain.TaskStatus;

namespace UnitGrains.Tests.Cluster;

[Collection(ProvinceClusterCollection.Name)]
public sealed class UnitGrainTests(ProvinceClusterFixture fixture)
{
    private const string SonNinh = "18175";

    private static DateOnly Today => new(2026, 3, 2);

    private IUnitGrain Unit(string code) => fixture.Grains.GetGrain<IUnitGrain>(code);

    private static PlanDraft PlanFor(int year, ReportFrequency? reporting = ReportFrequency.Quarterly) => new(
        $"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year}",
        new PlanPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)),
        Identifier: "01/KH-UBND",
        IssuedOn: new DateOnly(year, 1, 10),
        Reporting: reporting is { } f ? new ReportingRegimeDraft([new ReportRequirement(f, 5)]) : null);

    private static TaskDraft Articles(string id, DateOnly due) =>
        new("Đăng tin bài về CCHC", new Agency("Công chức Văn hóa – Xã hội"), id, due, [new TaskOutputDraft("articles", 12, "bài", Channel.WebPortal)]);

    /// <summary>The cached way to a unit (<see cref="UnitGrainReferences.GetUnit"/>) addresses the very grain Orleans' own resolution does.</summary>
    [Fact]
    public async Task A_unit_reference_from_the_cached_types_is_the_one_Orleans_makes()
    {
        var cached = fixture.Grains.GetUnit(SonNinh);
        var resolved = fixture.Grains.GetGrain<IUnitGrain>(SonNinh);

        Assert.Equal(resolved.GetGrainId(), cached.GetGrainId());
        Assert.Equal(resolved, cached);
        Assert.Equal((await resolved.GetProfileAsync())!.Name, (await cached.GetProfileAsync())!.Name);
        Assert.NotEqual(cached.GetGrainId(), fixture.Grains.GetUnit("18178").GetGrainId());
        Assert.Throws<ArgumentException>(() => fixture.Grains.GetUnit(" "));
    }

    [Fact]
    public async Task The_seed_plan_of_Son_Ninh_survives_deactivation_with_its_tasks_and_report()
    {
        var file = PlanImporter.Parse(await File.ReadAllTextAsync(Path.Combine(ClusterFixture.DataDirectory, "plans", "003-son-ninh-2022.json"))).GetValue();
        Assert.Equal(SonNinh, file.Unit);
        var imported = await new PlanImporter(fixture.Grains).ImportAsync(file);
        Assert.True(imported.IsSuccess, string.Join("; ", imported.Errors.Select(e => e.Message)));
        var year = file.Year!.Value;
        var unit = Unit(SonNinh);

        var withOutputs = imported.GetValue().Tasks.First(t => t.Outputs.Count > 0);
        var period = imported.GetValue().ExpectedReports[0].Period;
        var doneOn = new[] { period.Start, imported.GetValue().Plan!.Period.From }.Max();
        var actuals = withOutputs.Outputs.ToDictionary(o => o.Metric, o => o.Target);
        var done = await unit.CompleteTaskAsync(year, withOutputs.Id, new TaskCompletion(actuals, "https://sonninh.hatinh.gov.vn/cchc", doneOn));
        Assert.True(done.IsSuccess, string.Join("; ", done.Errors.Select(e => e.Message)));
        var report = await unit.SubmitReportAsync(year, new ReportSubmission(period.ToString(), Summary: "Hoàn thành"));
        Assert.True(report.IsSuccess, string.Join("; ", report.Errors.Select(e => e.Message)));
        var before = (await unit.GetCampaignAsync(year)).GetValue();

        await fixture.Cluster.DeactivateAsync(unit);
        var after = (await Unit(SonNinh).GetCampaignAsync(year)).GetValue();

        Assert.Equal(JsonSerializer.Serialize(before.Plan, ApiJson.Options), JsonSerializer.Serialize(after.Plan, ApiJson.Options));
        Assert.Equal(before.Tasks.Count, after.Tasks.Count);
        var reloaded = after.Tasks.Single(t => t.Id == withOutputs.Id);
        Assert.Equal(TaskStatus.Done, reloaded.Status);
        Assert.Equal(doneOn, reloaded.CompletedOn);
        Assert.Equal(doneOn, reloaded.StartedOn);
        Assert.All(reloaded.Outputs, o => Assert.Equal(o.Target, o.Actual));
        Assert.Equal(period, Assert.Single(after.Reports).Period);
        Assert.Contains(withOutputs.Id, after.Reports[0].TasksDone);
    }

    [Fact]
    public async Task A_plan_with_tasks_round_trips_through_storage()
    {
        const string commune = "18178";
        var unit = Unit(commune);
        Assert.True((await unit.PutPlanAsync(2026, PlanFor(2026))).IsSuccess);
        var first = await unit.AddTaskAsync(2026, Articles("A1", new DateOnly(2026, 6, 30)));
        var second = await unit.AddTaskAsync(2026, Articles("A2", new DateOnly(2026, 2, 1)) with { Id = null });
        Assert.Equal("T1", second.GetValue().Id);
        Assert.True((await unit.CancelTaskAsync(2026, "T1", "Trùng với nhiệm vụ A1")).IsSuccess);
        Assert.True((await unit.CompleteTaskAsync(2026, "A1", new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 6 }))).IsSuccess);

        await fixture.Cluster.DeactivateAsync(unit);
        var view = (await Unit(commune).GetCampaignAsync(2026)).GetValue();

        Assert.Equal(first.GetValue().Id, view.Tasks[0].Id);
        Assert.Equal(0.5m, view.Tasks[0].Outputs[0].Achievement);
        Assert.Equal(TaskStatus.Cancelled, view.Tasks[1].Status);
        Assert.Equal("Trùng với nhiệm vụ A1", view.Tasks[1].CancelReason);
    }

    [Fact]
    public async Task Overdue_and_missing_follow_campaign_time()
    {
        const string commune = "18181";
        var unit = Unit(commune);
        await unit.PutPlanAsync(2025, PlanFor(2025));
        await unit.AddTaskAsync(2025, Articles("late", new DateOnly(2025, 12, 31)));

        var view = (await unit.GetCampaignAsync(2025)).GetValue();

        Assert.Equal(Today, view.AsOf);
        Assert.Equal(["late"], view.OverdueTaskIds);
        Assert.All(view.ExpectedReports, r => Assert.Equal(ReportStatus.Missing, r.Status));
    }

    [Fact]
    public async Task Calls_on_an_unknown_unit_answer_not_found_and_create_nothing()
    {
        var ghost = Unit("99999");

        Assert.Null(await ghost.GetProfileAsync());
        var put = await ghost.PutPlanAsync(2026, PlanFor(2026));
        Assert.Equal("unit_not_found", Assert.Single(put.Errors).Code);
        Assert.Equal("unit_not_found", (await ghost.GetCampaignAsync(2026)).Errors[0].Code);
    }

    [Fact]
    public async Task A_year_out_of_range_is_rejected()
    {
        var outcome = await Unit("18184").PutPlanAsync(1999, PlanFor(1999));

        Assert.Equal(ErrorKind.Validation, Assert.Single(outcome.Errors).Kind);
        Assert.Equal("year_out_of_range", outcome.Errors[0].Code);
    }

    [Fact]
    public async Task Concurrent_completions_of_one_task_succeed_exactly_once()
    {
        const string commune = "18187";
        var unit = Unit(commune);
        await unit.PutPlanAsync(2026, PlanFor(2026));
        await unit.AddTaskAsync(2026, Articles("race", new DateOnly(2026, 9, 30)));
        var completion = new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 12 });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Unit(commune).CompleteTaskAsync(2026, "race", completion)));

        Assert.Single(outcomes, o => o.IsSuccess);
        Assert.All(outcomes.Where(o => !o.IsSuccess), o => Assert.Equal("invalid_transition", o.Errors[0].Code));
    }

    [Fact]
    public async Task Concurrent_task_additions_lose_nothing()
    {
        const string commune = "18190";
        var unit = Unit(commune);
        await unit.PutPlanAsync(2026, PlanFor(2026));

        var added = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Unit(commune).AddTaskAsync(2026, Articles("x", new DateOnly(2026, 5, 1)) with { Id = null })));

        Assert.All(added, a => Assert.True(a.IsSuccess));
        Assert.Equal(25, added.Select(a => a.GetValue().Id).Distinct().Count());
        Assert.Equal(25, (await unit.GetCampaignAsync(2026)).GetValue().Tasks.Count);
    }

    [Fact]
    public async Task Importing_a_plan_for_a_unit_that_does_not_exist_changes_nothing()
    {
        var file = new PlanFile("99998", 2026, PlanFor(2026), [Articles("A1", new DateOnly(2026, 5, 1))]);

        var outcome = await new PlanImporter(fixture.Grains).ImportAsync(file);

        Assert.Equal("unit_not_found", Assert.Single(outcome.Errors).Code);
        Assert.Null(await Unit("99998").GetProfileAsync());
    }

    [Fact]
    public async Task Importing_a_plan_naming_an_unknown_agency_code_changes_nothing()
    {
        const string commune = "18193";
        var file = new PlanFile(commune, 2026, PlanFor(2026), [Articles("A1", new DateOnly(2026, 5, 1)) with { Lead = new Agency("Sở không có", "42-XYZ") }]);

        var outcome = await new PlanImporter(fixture.Grains).ImportAsync(file);

        Assert.Equal("tasks[0].lead", Assert.Single(outcome.Errors).Field);
        Assert.Equal("plan_not_found", (await Unit(commune).GetCampaignAsync(2026)).Errors[0].Code);
    }

    [Fact]
    public async Task An_invalid_task_in_an_import_leaves_the_campaign_untouched()
    {
        const string commune = "18196";
        var tasks = new[] { Articles("ok", new DateOnly(2026, 5, 1)), Articles("bad", new DateOnly(2027, 1, 1)) };

        var outcome = await new PlanImporter(fixture.Grains).ImportAsync(new PlanFile(commune, 2026, PlanFor(2026), tasks));

        Assert.Equal("outside_plan_period", Assert.Single(outcome.Errors).Code);
        Assert.Equal("plan_not_found", (await Unit(commune).GetCampaignAsync(2026)).Errors[0].Code);
    }
}
