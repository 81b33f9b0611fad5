using Xunit.Abstractions;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// Where units live on a real three-silo cluster: each on the silo that owns its key after
/// seeding (done by one silo alone), after a silo dies (only its units move), after it joins
/// again, and after the whole cluster restarts. Placement is checked exactly — every unit on its
/// owner — and the shares per silo are printed for docs/benchmarks.md.
/// </summary>
public sealed class PlacementTests(PostgresFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Units_live_on_their_owners_after_seeding_a_silo_death_a_rejoin_and_a_restart()
    {
        await using var cluster = new ProcessCluster("placement", await fixture.Server.CreateDatabaseAsync("placement"), "3level-2023", "42,01");
        await cluster.StartAsync();
        var driver = new CampaignDriver(cluster.Http);
        var units = await driver.AllUnitsAsync();
        var everyone = Enumerable.Range(0, 3).Select(cluster.SiloEndpoint).ToArray();

        var seeded = await SettledAsync(cluster, units, everyone, "after seeding");

        // kill -9 of silo 1: its units, and only they, come back on the other two.
        cluster.Silos[1].Kill();
        var survivors = new[] { everyone[0], everyone[2] };
        var afterDeath = await SettledAsync(cluster, units, survivors, "after silo 1 died", driver);
        var moved = units.Where(u => afterDeath.Where[u] != seeded.Where[u]).ToList();
        Assert.All(moved, u => Assert.Equal(everyone[1], seeded.Where[u]));
        Assert.Equal(seeded.Where.Count(w => w.Value == everyone[1]), moved.Count);

        // Silo 1 starts again on its address: the units it owns move back to it, nothing else.
        await cluster.RestartSiloAsync(1);
        var rejoined = await SettledAsync(cluster, units, everyone, "after silo 1 rejoined", driver);
        Assert.Equal(seeded.Where, rejoined.Where);

        // The whole cluster stopped and started (the seeding silo first and alone again).
        await cluster.StopAsync();
        await cluster.StartAsync();
        driver = new CampaignDriver(cluster.Http);
        var restarted = await SettledAsync(cluster, units, everyone, "after a full restart", driver);
        Assert.Equal(seeded.Where, restarted.Where);
    }

    private Task<SettledPlacement> SettledAsync(ProcessCluster cluster, IReadOnlyList<string> units, string[] silos, string when, CampaignDriver? reader = null) =>
        UnitPlacement.SettledAsync(cluster, units, silos, when, output, Patience, reader);
}
