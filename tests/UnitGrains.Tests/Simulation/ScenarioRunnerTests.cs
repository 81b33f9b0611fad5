using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Hosting;
using UnitGrains.Simulation;
using UnitGrains.Tests.Cluster;

namespace UnitGrains.Tests.Simulation;

/// <summary>
/// A whole simulated campaign year for a real province (Hà Tĩnh, 3-level 2023 list) replayed in
/// virtual time on its own cluster: every action is accepted and the nation ends up counting exactly
/// what the scenario did.
/// </summary>
public sealed class ScenarioRunnerTests : IAsyncLifetime
{
    private const int Year = 2025;

    private readonly ManualClock _clock = new(new DateTimeOffset(Year, 1, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly InProcessTestCluster _cluster;

    public ScenarioRunnerTests()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(CampaignClock.Key, _clock);
            silo.Services.Configure<RollupOptions>(o => o.Years = [Year]);
            silo.AddUnitGrains();
        });
        _cluster = builder.Build();
    }

    public async Task InitializeAsync() => await _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_simulated_year_is_applied_in_full_and_counted_at_the_nation()
    {
        var snapshot = ProvinceClusterFixture.LoadProvince("42");
        await new HierarchySeeder(_cluster.Client, NullLogger<HierarchySeeder>.Instance).SeedAsync(snapshot);
        var units = snapshot.Units.Where(u => u.ExpectsPlan).Select(u => u.Code).ToList();
        var actions = CampaignScenario.Generate(units, Year, seed: 11);

        var summary = await new ScenarioRunner(_cluster.Client, _clock).RunAsync(actions);

        Assert.Empty(summary.FailuresByCode);
        Assert.Equal(actions.Count, summary.Applied);
        var nation = summary.Nation!.Subtree.Counts;
        Assert.Equal(units.Count, nation.PlansExpected);
        Assert.Equal(actions.OfType<IssuePlan>().Count(), nation.PlansIssued);
        Assert.Equal(actions.OfType<IssuePlan>().Count(p => p.Plan.IssuedOn <= p.Plan.IssueDeadline), nation.PlansIssuedOnTime);
        Assert.Equal(actions.OfType<CompleteTask>().Count(), nation.TasksDone);
        Assert.Equal(actions.OfType<SubmitReport>().Count(), nation.ReportsSubmitted);
        Assert.True(nation.OpenEscalations > 0, "tasks never done by year end are escalated");
        var nationGrain = _cluster.Client.GetGrain<IUnitGrain>(UnitCode.Nation);
        var all = (await nationGrain.GetEscalationsAsync(new PageRequest(0, 10), new EscalationFilter(0, Below: true))).GetValue();
        var reached = (await nationGrain.GetEscalationsAsync(new PageRequest(0, 10))).GetValue();
        Assert.Equal(nation.OpenEscalations, all.Total);
        // The nation lists by default only what has risen to it.
        Assert.InRange(reached.Total, 1, all.Total - 1);
        Assert.All(reached.Items, e => Assert.True(e.HasReached(0)));
    }
}
