using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Plans;

namespace UnitGrains.Tests.History;

/// <summary>Every list in one cluster: the seed plans on their own units and years, scores per year on its hierarchy and through today's units.</summary>
[Collection(TimelineClusterCollection.Name)]
public sealed class TimelineClusterTests(TimelineClusterFixture cluster)
{
    private IUnitGrain Unit(string key) => cluster.Grains.GetUnit(key);

    private async Task<IndicatorCounts> SubtreeAsync(string key, int year, bool throughToday = false) =>
        (await Unit(key).GetScoresAsync(year, throughToday)).GetValue().Subtree.Counts;

    private async Task<IndicatorCounts> OwnAsync(string key, int year) =>
        (await Unit(key).GetScoresAsync(year)).GetValue().Own.Counts;

    [Fact]
    public async Task The_five_seed_plans_are_live_on_their_own_units_and_years()
    {
        Assert.Equal("70-BDT@2025-02-28", cluster.ImportedInto["000"]);
        Assert.Equal("52@2025-06-30", cluster.ImportedInto["001"]);
        Assert.Equal("70@2025-06-30", cluster.ImportedInto["002"]);
        Assert.Equal("18175@2025-06-30", cluster.ImportedInto["003"]);
        Assert.Equal("26278", cluster.ImportedInto["004"]);

        // The task counts the documents state.
        Assert.Equal(6, (await Unit("70-BDT@2025-02-28").GetCampaignAsync(2022)).GetValue().Tasks.Count);
        Assert.Equal(14, (await Unit("70@2025-06-30").GetCampaignAsync(2022)).GetValue().Tasks.Count);
        Assert.Equal(15, (await Unit("18175@2025-06-30").GetCampaignAsync(2022)).GetValue().Tasks.Count);
        Assert.Equal(17, (await Unit("26278").GetCampaignAsync(2025)).GetValue().Tasks.Count);

        // Bình Định's 2021–2025 plan: one campaign per year, each task in the year it falls due (the period's end).
        for (var year = 2021; year <= 2025; year++)
        {
            var view = (await Unit("52@2025-06-30").GetCampaignAsync(year)).GetValue();
            Assert.Equal("116/KH-UBND", view.Plan!.Identifier);
            Assert.Equal(new PlanPeriod(new DateOnly(2021, 11, 16), new DateOnly(2025, 12, 31)), view.Plan.Programme);
            Assert.Equal(year, view.Plan.Period.From.Year);
            Assert.Equal(year == 2025 ? 20 : 0, view.Tasks.Count);
        }

        // Codes inside the plans are the keys of the units they meant then.
        var binhDinh = (await Unit("52@2025-06-30").GetCampaignAsync(2025)).GetValue();
        Assert.Contains(binhDinh.Tasks, t => t.Lead.Code == "52-STTTT@2025-02-28");
        Assert.All(binhDinh.Tasks.Where(t => t.Lead.Code is not null), t => Assert.StartsWith("52-", t.Lead.Code!));
        Assert.All(binhDinh.Tasks.Where(t => t.Lead.Code is not null), t => Assert.True(UnitCode.HasEnded(t.Lead.Code!)));
    }

    [Fact]
    public async Task A_past_year_through_todays_units_holds_the_work_of_their_predecessors()
    {
        var binhPhuoc = await SubtreeAsync("70@2025-06-30", 2022);
        var oldDongNai = await SubtreeAsync("75@2025-06-30", 2022);
        var dongNai = await SubtreeAsync("75", 2022, throughToday: true);
        Assert.Equal(binhPhuoc + oldDongNai, dongNai);
        Assert.Equal(20, dongNai.TasksDue);

        // On the hierarchy of 2022, today's Đồng Nai did not exist.
        var refused = await Unit("75").GetScoresAsync(2022);
        Assert.Equal("unit_not_in_force", Assert.Single(refused.Errors).Code);

        // xã Hương Sơn of today carries xã Sơn Ninh's 2022.
        var huongSon = (await Unit("18133").GetScoresAsync(2022, throughToday: true)).GetValue();
        Assert.Contains("18175@2025-06-30", huongSon.Carried!);
        Assert.Equal((await OwnAsync("18175@2025-06-30", 2022)).TasksDue, huongSon.Subtree.Counts.TasksDue);
        Assert.True(huongSon.Subtree.Counts.TasksDue > 0);
    }

    [Fact]
    public async Task A_past_years_national_totals_are_the_same_through_either_hierarchy()
    {
        foreach (var year in new[] { 2021, 2022, 2025 })
        {
            var nation = await SubtreeAsync(UnitCode.Nation, year);
            var today = (await Unit(UnitCode.Nation).GetChildrenScoresAsync(year, throughToday: true)).GetValue();
            Assert.Equal(TimelineClusterFixture.Provinces.Order(), today.Select(c => c.Unit.Code).Order());
            var sum = today.Aggregate(await OwnAsync(UnitCode.Nation, year), (total, child) => total + child.Subtree.Counts);
            Assert.Equal(nation, sum);
        }

        // On the hierarchy in force for 2022 the nation's children are the provinces of then.
        var then = (await Unit(UnitCode.Nation).GetChildrenScoresAsync(2022)).GetValue();
        Assert.Contains(then, c => c.Unit.Code == "70@2025-06-30");
        Assert.DoesNotContain(then, c => c.Unit.Code == "75");
    }

    [Fact]
    public async Task The_2025_campaign_is_scored_on_the_2_level_units_with_the_work_of_the_units_that_ended()
    {
        // Bình Định's tasks fall due on 31 December 2025, after it ended: tỉnh Gia Lai carries them.
        var giaLai = (await Unit("52").GetScoresAsync(2025)).GetValue();
        Assert.Contains("52@2025-06-30", giaLai.Carried!);
        var native = (await Unit("52").GetSummaryAsync())!.For(2025);
        Assert.Equal(native + await SubtreeAsync("52@2025-06-30", 2025) + await SubtreeAsync("64@2025-06-30", 2025), giaLai.Subtree.Counts);
        Assert.Equal((await OwnAsync("52@2025-06-30", 2025)).TasksDue, giaLai.Subtree.Counts.TasksDue);
        Assert.True(giaLai.Subtree.Counts.TasksDue > 0);

        // Gia Lai's 2025 ranking lists today's communes, not Bình Định's districts.
        var communes = (await Unit("52").GetChildrenScoresAsync(2025)).GetValue();
        Assert.All(communes, c => Assert.Null(c.Unit.ValidUntil));
    }

    [Fact]
    public async Task A_unit_that_ended_takes_no_campaign_after_its_end_and_cannot_be_viewed_through_today()
    {
        var draft = new PlanDraft("Kế hoạch 2026", new PlanPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        var refused = await Unit("70@2025-06-30").PutPlanAsync(2026, draft);
        var error = Assert.Single(refused.Errors);
        Assert.Equal(("unit_ended", "year"), (error.Code, error.Field));
        Assert.Contains("Tỉnh Đồng Nai (75)", error.Message);
        Assert.Equal("plan_not_found", Assert.Single((await Unit("70@2025-06-30").GetCampaignAsync(2026)).Errors).Code);

        var through = await Unit("70@2025-06-30").GetScoresAsync(2022, throughToday: true);
        Assert.Equal(("unit_ended", "through"), (through.Errors[0].Code, through.Errors[0].Field));
    }

    [Fact]
    public async Task A_late_entry_lands_in_history_on_the_day_it_happened_all_the_way_up()
    {
        var sonNinh = Unit("18175@2025-06-30");
        var task = (await sonNinh.GetCampaignAsync(2022)).GetValue().Tasks.First(t => t.Obligation == Obligation.Assigned && t.IsOpen);
        var day = new DateOnly(2022, 5, 2);
        var province = Unit("42");
        var before = await province.GetDailyAsync(2022);
        var nationBefore = await SubtreeAsync(UnitCode.Nation, 2022);

        var completion = new TaskCompletion(task.Outputs.ToDictionary(o => o.Metric, o => o.Target), CompletedOn: day);
        Assert.True((await sonNinh.CompleteTaskAsync(2022, task.Id, completion)).IsSuccess);

        // The province's history is asked again only along the changed branch, once the change has climbed to it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        DailySeries after;
        while ((after = await province.GetDailyAsync(2022)).On(day).TasksDone == before.On(day).TasksDone)
        {
            Assert.True(DateTime.UtcNow < deadline, "the completion never reached the province's history");
            await Task.Delay(20);
        }

        Assert.Equal(before.On(day).TasksDone + 1, after.On(day).TasksDone);

        // 2022 is not a year the live rollup keeps (the clock is in 2026): the change climbs as "a past year moved", and the nation's 2022 score follows.
        while ((await SubtreeAsync(UnitCode.Nation, 2022)).TasksDone == nationBefore.TasksDone)
        {
            Assert.True(DateTime.UtcNow < deadline, "the completion never reached the nation's 2022 scores");
            await Task.Delay(20);
        }

        Assert.Equal(nationBefore.TasksDone + 1, (await SubtreeAsync(UnitCode.Nation, 2022)).TasksDone);
        Assert.Equal(before.On(day.AddDays(-1)), after.On(day.AddDays(-1)));

        // The nation's history is the sum of the histories of its children.
        var children = (await Unit(UnitCode.Nation).GetProfileAsync())!.Children;
        var nation = await Unit(UnitCode.Nation).GetDailyAsync(2022);
        var sum = DailySeries.Sum(await Task.WhenAll(children.Select(c => Unit(c.Code).GetDailyAsync(2022))));
        Assert.Equal(sum.On(new DateOnly(2022, 12, 31)), nation.On(new DateOnly(2022, 12, 31)));

        var history = (await Unit("18133").GetHistoryAsync(2022)).GetValue();
        Assert.Equal(365, history.Daily.Count);
        Assert.NotEqual(history.Daily[day.DayOfYear - 2].Score, history.Daily[day.DayOfYear - 1].Score);
    }

    [Fact]
    public async Task Codes_resolve_on_a_date_through_the_clusters_directory()
    {
        var directory = new CodeDirectory(cluster.Grains);
        var today = new DateOnly(2026, 3, 2);
        Assert.Equal("52@2025-06-30", (await directory.ResolveAsync("52", new DateOnly(2022, 6, 1), today)).GetValue());
        Assert.Equal("52", (await directory.ResolveAsync("52", null, today)).GetValue());
        Assert.Equal("64@2025-06-30", (await directory.ResolveAsync("64", null, today)).GetValue());
        Assert.Equal("unit_not_in_force", Assert.Single((await directory.ResolveAsync("64", today, today)).Errors).Code);
        Assert.Equal("18175@2025-06-30", (await directory.ResolveAsync("18175", null, today)).GetValue());
    }
}
