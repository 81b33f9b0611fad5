using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Tests.Cluster;

namespace UnitGrains.Tests.Cascade;

[CollectionDefinition(Name)]
public sealed class CascadeCollection : ICollectionFixture<ProvinceClusterFixture>
{
    public const string Name = "cascade cluster";
}

/// <summary>
/// The cascade in a cluster of Hà Tĩnh (42, the 3-level list), on campaign time that starts on
/// 2 March 2026 and is moved forward: the province's plan obliges its districts, an idle district
/// counts against the province and climbs level by level, offices review what they receive.
/// </summary>
[Collection(CascadeCollection.Name)]
public sealed class CascadeClusterTests(ProvinceClusterFixture fixture)
{
    private const int Year = 2026;
    private const string Province = ProvinceClusterFixture.Province;
    private const string Office = "42-SNV";

    private static readonly DateOnly PlanBy = new(Year, 3, 5);

    private IUnitGrain Unit(string code) => fixture.Grains.GetGrain<IUnitGrain>(code);

    private IReadOnlyList<string> Districts => [.. fixture.Snapshot.Units.Single(u => u.Code == Province).Children.Where(c => c.Kind == UnitKind.District).Select(c => c.Code)];

    private static PlanDraft ProvincePlan() => new(
        "Kế hoạch thông tin, tuyên truyền CCHC năm 2026 của tỉnh",
        new PlanPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31)),
        Identifier: "12/KH-UBND",
        IssuedOn: new DateOnly(Year, 1, 5),
        Assignments:
        [
            new Assignment(new Agency("UBND các huyện, thị xã, thành phố"), Obligation.Assigned, ["Ban hành kế hoạch của địa phương"], PlanBy, UnitGroup.Districts),
            new Assignment(new Agency("Ủy ban MTTQ tỉnh"), Obligation.Requested, ["Phối hợp tuyên truyền"]),
        ],
        Reporting: new ReportingRegimeDraft([new ReportRequirement(ReportFrequency.Quarterly, 10)], new Agency("Sở Nội vụ", Office)));

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await System.Threading.Tasks.Task.Delay(20);
        }
    }

    private async Task<Duty> DutyAsync(string code) => (await Unit(code).GetDutyAsync(Year)).GetValue().Duty;

    private async Task<IReadOnlyList<Escalation>> ListedAsync(string code, EscalationFilter? filter = null) =>
        (await Unit(code).GetEscalationsAsync(new PageRequest(0, 1000), filter)).GetValue().Items;

    private async Task MoveToAsync(DateOnly day)
    {
        fixture.Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        await Unit(UnitCode.Nation).RefreshAsync(subtree: true);
    }

    [Fact]
    public async Task A_province_plan_obliges_every_district_and_an_idle_one_climbs_to_the_nation_only_after_the_grace_period()
    {
        var (working, idle) = (Districts[0], Districts[1]);
        Assert.True((await Unit(Province).PutPlanAsync(Year, ProvincePlan())).IsSuccess);
        foreach (var district in Districts)
        {
            await EventuallyAsync(async () => (await DutyAsync(district)).ObligedBy == Province, $"{district} is obliged by the province's plan");
            var duty = await DutyAsync(district);
            Assert.Equal((PlanBy, true, Office, "12/KH-UBND"), (duty.PlanBy!.Value, duty.PlanDateSetByParent, duty.Office, duty.Basis));
        }

        Assert.True((await Unit(working).PutPlanAsync(Year, new PlanDraft("Kế hoạch CCHC 2026 của huyện", new PlanPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31)), IssuedOn: new DateOnly(Year, 3, 1)))).IsSuccess);
        await Unit(UnitCode.Nation).RefreshAsync(subtree: true);
        var before = (await Unit(Province).GetScoresAsync(Year)).GetValue().Subtree;
        Assert.Equal(0, (await Unit(idle).GetScoresAsync(Year)).GetValue().Own.Counts.PlansExpected);

        // The day after the province's date: the idle district owes its plan and its parent is told.
        await MoveToAsync(PlanBy.AddDays(1));
        await EventuallyAsync(async () => (await ListedAsync(Province, new EscalationFilter(1, Year: Year, Level: 1))).Any(e => e.OriginCode == idle && e.Year == Year && e.Item == "plan"), "the province lists the idle district's plan");
        var after = (await Unit(Province).GetScoresAsync(Year)).GetValue().Subtree;
        // Every district but the one that issued now owes a plan it has not issued.
        Assert.Equal(before.Counts.PlansExpected + Districts.Count - 1, after.Counts.PlansExpected);
        Assert.Equal(before.Counts.PlansIssued, after.Counts.PlansIssued);
        Assert.True(after.PlanIssued < before.PlanIssued, $"the province's plan rate falls ({before.PlanIssued} → {after.PlanIssued})");
        Assert.DoesNotContain(await ListedAsync(UnitCode.Nation, new EscalationFilter(0, Year: Year)), e => e.OriginCode == idle && e.Year == Year && e.Item == "plan");
        Assert.Contains(await ListedAsync(UnitCode.Nation, new EscalationFilter(0, Below: true, Year: Year, Level: 1)), e => e.OriginCode == idle && e.Year == Year && e.Item == "plan");
        Assert.Equal("not_reached", (await Unit(idle).AcknowledgeAsync(Year, "plan", UnitCode.Nation, "bo-noi-vu", new AcknowledgeRequest("Đôn đốc"))).Errors.Single().Code);

        // A grace period later it has risen to the nation, which lists it and may acknowledge it.
        await MoveToAsync(PlanBy.AddDays(1 + EscalationPolicy.Default.GraceDays));
        await EventuallyAsync(async () => (await ListedAsync(UnitCode.Nation, new EscalationFilter(0, Year: Year))).Any(e => e.OriginCode == idle && e.Year == Year && e.Item == "plan" && e.Level == 2), "the nation lists the idle district's plan");
        Assert.DoesNotContain(await ListedAsync(UnitCode.Nation, new EscalationFilter(0, Year: Year)), e => e.OriginCode == working && e.Year == Year && e.Item == "plan");
        var acknowledged = await Unit(idle).AcknowledgeAsync(Year, "plan", UnitCode.Nation, "bo-noi-vu", new AcknowledgeRequest("Đã đôn đốc tỉnh"));
        Assert.True(acknowledged.IsSuccess);
        await EventuallyAsync(
            async () => (await ListedAsync(UnitCode.Nation, new EscalationFilter(0, Year: Year, Status: EscalationStatus.Acknowledged))).Any(e => e.OriginCode == idle && e.Year == Year && e.Acknowledged?.Comment == "Đã đôn đốc tỉnh"),
            "the acknowledgement shows at the nation");
        Assert.Equal("not_above", (await Unit(idle).AcknowledgeAsync(Year, "plan", Districts[2], null, new AcknowledgeRequest())).Errors.Single().Code);
    }

    [Fact]
    public async Task The_office_returns_a_report_which_is_owed_again_and_accepts_it_resubmitted()
    {
        var district = Districts[3];
        Assert.True((await Unit(Province).PutPlanAsync(Year, ProvincePlan())).IsSuccess);
        await EventuallyAsync(async () => (await DutyAsync(district)).Office == Office, "the district reports to Sở Nội vụ");
        var filed = await Unit(district).SubmitReportAsync(Year, new ReportSubmission($"{Year}-Q1", Summary: "Quý I", SubmittedOn: new DateOnly(Year, 3, 1)));
        Assert.Equal(Office, filed.GetValue().SubmittedTo!.Code);

        var wrongOffice = await Unit(district).ReviewReportAsync(Year, $"{Year}-Q1", ReviewDecision.Accepted, "42-STC", new ReviewRequest());
        var noComment = await Unit(district).ReviewReportAsync(Year, $"{Year}-Q1", ReviewDecision.Returned, Office, new ReviewRequest());
        Assert.Equal("not_the_office", wrongOffice.Errors.Single().Code);
        Assert.Equal(("comment", "required"), (noComment.Errors.Single().Field, noComment.Errors.Single().Code));

        var returned = await Unit(district).ReviewReportAsync(Year, $"{Year}-Q1", ReviewDecision.Returned, Office, new ReviewRequest("Thiếu số liệu tin bài"));
        Assert.Equal(ReviewDecision.Returned, returned.GetValue().Review!.Decision);
        var owedAgain = (await Unit(district).GetDutyAsync(Year)).GetValue().ExpectedReports.Single(r => r.Period.ToString() == $"{Year}-Q1");
        Assert.Null(owedAgain.SubmittedOn);

        Assert.True((await Unit(district).SubmitReportAsync(Year, new ReportSubmission($"{Year}-Q1", Summary: "Quý I, bổ sung"))).IsSuccess);
        var accepted = await Unit(district).ReviewReportAsync(Year, $"{Year}-Q1", ReviewDecision.Accepted, Office, new ReviewRequest());
        Assert.Equal(ReviewDecision.Accepted, accepted.GetValue().Review!.Decision);
        Assert.Equal("already_reviewed", (await Unit(district).ReviewReportAsync(Year, $"{Year}-Q1", ReviewDecision.Returned, Office, new ReviewRequest("Lần nữa"))).Errors.Single().Code);
        var view = (await Unit(district).GetDutyAsync(Year)).GetValue();
        Assert.Equal(2, view.Reports.Count);
        Assert.NotNull(view.ExpectedReports.Single(r => r.Period.ToString() == $"{Year}-Q1").SubmittedOn);
    }
}
