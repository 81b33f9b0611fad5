using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Tests.Cluster;

/// <summary>
/// Live scores on a real province (Hà Tĩnh, 3-level 2023 list) in virtual time: changes at a
/// commune reach its district, province and the nation through the summary streams, deadlines
/// passing on the campaign clock raise and lift escalations, and every ancestor's rollup converges
/// to a from-scratch recomputation over its subtree — also after grains are deactivated mid-flow.
/// The collection has its own cluster because these tests move campaign time forward; its tests
/// run one after another, each on its own communes.
/// </summary>
[Collection(LiveScoresCollection.Name)]
public sealed class LiveScoresTests(ProvinceClusterFixture fixture)
{
    private const int Year = 2026;
    private const string District = "440"; // huyện Đức Thọ
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private IUnitGrain Unit(string code) => fixture.Grains.GetGrain<IUnitGrain>(code);

    private static PlanDraft Plan(DateOnly issuedOn) => new(
        "Kế hoạch thông tin, tuyên truyền CCHC năm 2026",
        new PlanPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31)),
        IssuedOn: issuedOn,
        Reporting: new ReportingRegimeDraft([new ReportRequirement(ReportFrequency.Quarterly, 5)]));

    private static TaskDraft Task(string id, DateOnly due, decimal target = 10) =>
        new("Đăng tin bài CCHC trên cổng thông tin", new Agency("Công chức VH-XH"), id, due, [new TaskOutputDraft("articles", target, "bài", Channel.WebPortal)]);

    private async Task<IndicatorCounts> SubtreeAsync(string code) => (await Unit(code).GetScoresAsync(Year)).GetValue().Subtree.Counts;

    private static string? _lastMismatch;

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}. Last mismatch: {_lastMismatch}");
            await System.Threading.Tasks.Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_task_completed_at_a_commune_changes_its_district_province_and_nation()
    {
        const string commune = "18229";
        await Unit(commune).PutPlanAsync(Year, Plan(new DateOnly(Year, 1, 10)));
        await Unit(commune).AddTaskAsync(Year, Task("news", new DateOnly(Year, 2, 28)));
        string[] chain = [commune, District, ProvinceClusterFixture.Province, UnitCode.Nation];
        await EventuallyAsync(async () => (await SubtreeAsync(UnitCode.Nation)).TasksDue >= 1 && await ConvergedAsync(), "the new overdue task is counted at the nation");
        var before = await System.Threading.Tasks.Task.WhenAll(chain.Select(SubtreeAsync));

        var done = await Unit(commune).CompleteTaskAsync(Year, "news", new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 5 }));

        Assert.True(done.IsSuccess);
        await EventuallyAsync(async () => (await SubtreeAsync(UnitCode.Nation)).TasksDone == before[3].TasksDone + 1, "the nation counts the completed task");
        var after = await System.Threading.Tasks.Task.WhenAll(chain.Select(SubtreeAsync));
        for (var level = 0; level < chain.Length; level++)
        {
            Assert.Equal(before[level].TasksDone + 1, after[level].TasksDone);
            Assert.Equal(before[level].OutputAchievement + 0.5m, after[level].OutputAchievement);
            Assert.Equal(before[level].OpenEscalations - 1, after[level].OpenEscalations);
        }
    }

    [Fact]
    public async Task Escalations_rise_with_campaign_time_and_completion_resolves_them_everywhere()
    {
        const string commune = "18235";
        var start = fixture.Time.GetUtcNow();
        await Unit(commune).PutPlanAsync(Year, Plan(new DateOnly(Year, 1, 10)));
        var due = DateOnly.FromDateTime(start.AddHours(7).Date).AddDays(1);
        await Unit(commune).AddTaskAsync(Year, Task("dialogue", due));
        await Unit(UnitCode.Nation).RefreshAsync(subtree: true);
        Assert.DoesNotContain(await OpenAsync(UnitCode.Nation), e => e.OriginCode == commune && e.Item == "task:dialogue");

        fixture.Time.Advance(TimeSpan.FromDays(2));
        await Unit(ProvinceClusterFixture.Province).RefreshAsync(subtree: true);
        await EventuallyAsync(async () => (await OpenAsync(UnitCode.Nation)).Any(e => e.Item == "task:dialogue" && e.OriginCode == commune && e.Level == 1), "the overdue task is escalated to the district");

        fixture.Time.Advance(TimeSpan.FromDays(EscalationPolicy.Default.GraceDays));
        await Unit(ProvinceClusterFixture.Province).RefreshAsync(subtree: true);
        await EventuallyAsync(async () => (await OpenAsync(District)).Any(e => e.Item == "task:dialogue" && e.Level == 2), "the escalation rises to the province after the grace period");

        await Unit(commune).CompleteTaskAsync(Year, "dialogue", new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 10 }));
        foreach (var code in new[] { commune, District, ProvinceClusterFixture.Province, UnitCode.Nation })
        {
            await EventuallyAsync(async () => !(await OpenAsync(code)).Any(e => e.Item == "task:dialogue" && e.OriginCode == commune), $"the escalation is resolved at {code}");
        }
    }

    [Fact]
    public async Task Rollups_converge_to_a_recomputation_after_grains_are_deactivated_mid_flow()
    {
        string[] communes = ["18241", "18244", "18247", "18313", "18316"];
        foreach (var commune in communes)
        {
            await Unit(commune).PutPlanAsync(Year, Plan(new DateOnly(Year, 1, 5)));
            await Unit(commune).AddTaskAsync(Year, Task("a", new DateOnly(Year, 2, 1)));
            await Unit(commune).AddTaskAsync(Year, Task("b", new DateOnly(Year, 12, 1)));
        }

        var writes = communes.Select(async (commune, i) =>
        {
            await Unit(commune).CompleteTaskAsync(Year, "a", new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = i * 3 }));
            await Unit(commune).SubmitReportAsync(Year, new ReportSubmission($"{Year}-Q1"));
        });
        var deactivations = new[] { District, "441", ProvinceClusterFixture.Province }.Select(code => fixture.Cluster.DeactivateAsync(Unit(code)));
        await System.Threading.Tasks.Task.WhenAll(writes.Concat(deactivations));

        await EventuallyAsync(ConvergedAsync, "every rollup equals the recomputation over its subtree");
    }

    [Fact]
    public async Task More_escalations_than_a_summary_carries_are_listed_in_full_oldest_first()
    {
        const string commune = "18319";
        await Unit(commune).PutPlanAsync(Year, Plan(new DateOnly(Year, 1, 5)));
        var today = DateOnly.FromDateTime(fixture.Time.GetUtcNow().AddHours(7).Date);
        var drafts = Enumerable.Range(0, Rollup.EscalationListSize + 20).Select(i => Task($"late-{i:D2}", today.AddDays(-1 - (i % 40)))).ToList();
        foreach (var draft in drafts)
        {
            await Unit(commune).AddTaskAsync(Year, draft);
        }

        // Waited for by name: the province's total also holds other units' escalations, so a total
        // reaching the drafts' count says nothing of the commune's.
        const int provinceDepth = 1;
        await EventuallyAsync(
            async () => (await AllAsync(ProvinceClusterFixture.Province, new EscalationFilter(provinceDepth, Below: true))).Count(e => e.OriginCode == commune && e.Item.StartsWith("task:", StringComparison.Ordinal)) == drafts.Count,
            "the province's subtree lists every one of the commune's escalations");
        var first = (await Unit(ProvinceClusterFixture.Province).GetEscalationsAsync(new PageRequest(0, 60))).GetValue();
        var second = (await Unit(ProvinceClusterFixture.Province).GetEscalationsAsync(new PageRequest(60, 60))).GetValue();
        var all = first.Items.Concat(second.Items).ToList();

        Assert.Equal(first.Total, second.Total);
        Assert.Equal(Math.Min(first.Total, 120), all.Count);
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(all.OrderBy(e => e, Escalation.OldestFirst).Select(e => e.Id), all.Select(e => e.Id));

        // Below the province, every one of them; at the province itself, those that climbed to it
        // (more than 15 days late, two levels above the commune) — some did, some did not yet.
        var mine = (await AllAsync(ProvinceClusterFixture.Province, new EscalationFilter(provinceDepth, Below: true)))
            .Where(e => e.OriginCode == commune && e.Item.StartsWith("task:", StringComparison.Ordinal)).ToList();
        var reached = await AllAsync(ProvinceClusterFixture.Province, new EscalationFilter(provinceDepth));
        Assert.Equal(drafts.Count, mine.Count);
        Assert.Equal(mine.Where(e => e.HasReached(provinceDepth)).Select(e => e.Id).Order(), reached.Where(e => e.OriginCode == commune && e.Item.StartsWith("task:", StringComparison.Ordinal)).Select(e => e.Id).Order());
        Assert.Contains(mine, e => e.HasReached(provinceDepth));
        Assert.Contains(mine, e => !e.HasReached(provinceDepth));
    }

    private Task<List<Escalation>> OpenAsync(string code) => AllAsync(code, new EscalationFilter(0, Below: true));

    /// <summary>Every escalation a filter matches, page by page, checking the pages add up to the total.</summary>
    private async Task<List<Escalation>> AllAsync(string code, EscalationFilter filter)
    {
        var all = new List<Escalation>();
        EscalationPage page;
        do
        {
            page = (await Unit(code).GetEscalationsAsync(new PageRequest(all.Count, 1000), filter)).GetValue();
            all.AddRange(page.Items);
        }
        while (page.Items.Count > 0 && all.Count < page.Total && all.Count < UnitGrain.MaxEscalationDepth);

        Assert.Equal(Math.Min(page.Total, UnitGrain.MaxEscalationDepth), all.Count);
        return all;
    }

    /// <summary>
    /// The invariant: every unit's subtree counts equal the sum of the own counts of all units in its
    /// subtree, each read from the unit itself (the ground truth), walking the seeded hierarchy.
    /// </summary>
    private async Task<bool> ConvergedAsync()
    {
        var own = new Dictionary<string, IndicatorCounts>();
        foreach (var unit in fixture.Snapshot.Units)
        {
            own[unit.Code] = (await Unit(unit.Code).GetScoresAsync(Year)).GetValue().Own.Counts;
        }

        var expected = new Dictionary<string, IndicatorCounts>(own);
        foreach (var unit in fixture.Snapshot.Units.Reverse())
        {
            if (unit.ParentCode is { } parent && expected.ContainsKey(parent))
            {
                expected[parent] += expected[unit.Code];
            }
        }

        foreach (var unit in fixture.Snapshot.Units)
        {
            if (await SubtreeAsync(unit.Code) is var actual && actual != expected[unit.Code])
            {
                // Which child the unit holds a stale summary of: its view of each child against the child's own subtree.
                var views = (await Unit(unit.Code).GetChildrenScoresAsync(Year)).GetValue();
                var stale = new List<string>();
                foreach (var view in views)
                {
                    var truth = await SubtreeAsync(view.Unit.Code);
                    if (view.Subtree.Counts != truth)
                    {
                        stale.Add($"{view.Unit.Code} (held {view.Subtree.Counts.PlansExpected}/{view.Subtree.Counts.TasksDone}, actual {truth.PlansExpected}/{truth.TasksDone}, expected {expected[view.Unit.Code].PlansExpected})");
                    }
                }

                _lastMismatch = $"{unit.Code}: rollup {actual} but recomputation {expected[unit.Code]}; stale children: {string.Join("; ", stale)}";
                return false;
            }
        }

        return true;
    }
}
