using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Tests.Cluster;

/// <summary>
/// Campaign versions and idempotency keys live in the unit's stored state, not in memory: they
/// hold across deactivation, and concurrent conditional writes to one unit have exactly one winner.
/// Communes of Hà Tĩnh city (436) that no other cluster test writes to.
/// </summary>
[Collection(ProvinceClusterCollection.Name)]
public sealed class SafeWriteGrainTests(ProvinceClusterFixture fixture)
{
    private const int Year = 2026;

    private IUnitGrain Unit(string code) => fixture.Grains.GetGrain<IUnitGrain>(code);

    private static PlanDraft Plan(string title) => new(title, new PlanPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31)));

    private static TaskDraft Task(string title) =>
        new(title, new Agency("Công chức Văn hóa – Xã hội"), null, new DateOnly(Year, 6, 30), [new TaskOutputDraft("articles", 12, "bài", Channel.WebPortal)]);

    [Fact]
    public async Task Every_change_raises_the_version_and_the_version_survives_deactivation()
    {
        var unit = Unit("18070");
        var put = (await unit.PutPlanAsync(Year, Plan("Kế hoạch"))).GetValue();
        var added = await unit.AddTaskAsync(Year, Task("Đăng tin"));
        Assert.True(added.IsSuccess);
        var unchanged = (await unit.PutPlanAsync(Year, Plan("Kế hoạch"))).GetValue();

        await fixture.Cluster.DeactivateAsync(unit);
        var reloaded = (await Unit("18070").GetCampaignAsync(Year)).GetValue();

        Assert.Equal(put.Version + 1, unchanged.Version);
        Assert.Equal(unchanged.Version, reloaded.Version);
        Assert.Equal("precondition_failed", Assert.Single((await Unit("18070").PutPlanAsync(Year, Plan("Cũ"), new IfMatch([put.Version]))).Errors).Code);
        Assert.True((await Unit("18070").PutPlanAsync(Year, Plan("Mới"), new IfMatch([reloaded.Version]))).IsSuccess);
    }

    [Fact]
    public async Task A_key_is_remembered_across_deactivation()
    {
        var unit = Unit("18073");
        await unit.PutPlanAsync(Year, Plan("Kế hoạch"));
        var key = new IdempotencyKey("retry-1", "fingerprint-A");
        var first = (await unit.AddTaskAsync(Year, Task("Đăng tin"), key)).GetValue();

        await fixture.Cluster.DeactivateAsync(unit);
        var retry = await Unit("18073").AddTaskAsync(Year, Task("Đăng tin"), key);
        var reused = await Unit("18073").AddTaskAsync(Year, Task("Khác"), key with { Fingerprint = "fingerprint-B" });

        Assert.Equal(first.Id, retry.GetValue().Id);
        Assert.Equal(first.Title, retry.GetValue().Title);
        Assert.Equal(ErrorKind.Unprocessable, Assert.Single(reused.Errors).Kind);
        Assert.Single((await Unit("18073").GetCampaignAsync(Year)).GetValue().Tasks);
    }

    [Fact]
    public async Task Of_many_concurrent_conditional_puts_exactly_one_wins()
    {
        var unit = Unit("18076");
        var version = (await unit.PutPlanAsync(Year, Plan("Kế hoạch"))).GetValue().Version;

        var outcomes = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 12)
            .Select(i => Unit("18076").PutPlanAsync(Year, Plan($"Bản {i}"), new IfMatch([version]))));

        var winner = Assert.Single(outcomes, o => o.IsSuccess);
        Assert.All(outcomes.Where(o => !o.IsSuccess), o => Assert.Equal(ErrorKind.PreconditionFailed, o.Errors[0].Kind));
        Assert.Equal(version + 1, winner.GetValue().Version);
        Assert.Equal(winner.GetValue().Plan!.Title, (await unit.GetCampaignAsync(Year)).GetValue().Plan!.Title);
    }
}
