using System.Net.Http.Json;
using UnitGrains.Placement;
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

    private sealed record Placement(IReadOnlyDictionary<string, string> Where, TimeSpan After);

    /// <summary>Waits until every unit is active on its owner among <paramref name="silos"/>, and prints the shares.</summary>
    private async Task<Placement> SettledAsync(ProcessCluster cluster, IReadOnlyList<string> units, string[] silos, string when, CampaignDriver? reader = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Dictionary<string, string> where = [];
        await CampaignDriver.EventuallyAsync(async () =>
        {
            // A read of the nation activates it wherever it belongs (nothing else calls the root).
            if (reader is not null)
            {
                await cluster.Http.GetAsync("/api/units/VN");
            }

            var located = await LocateAsync(cluster);
            var activations = located.Silos.SelectMany(s => s.Value.Select(u => (Unit: u, Silo: s.Key))).ToLookup(p => p.Unit, p => p.Silo);
            if (activations.FirstOrDefault(a => a.Count() > 1) is { } twice)
            {
                // The old activation of a unit that moves is counted until it has gone.
                return $"{twice.Key} is on {string.Join(" and ", twice)}";
            }

            where = activations.ToDictionary(a => a.Key, a => a.Single());
            var missing = units.Where(u => !where.ContainsKey(u)).ToList();
            if (missing.Count > 0)
            {
                return $"{missing.Count} units not active, e.g. {string.Join(", ", missing.Take(5))}";
            }

            var misplaced = units.Where(u => where[u] != UnitOwners.Owner(u, silos, s => s)).ToList();
            return misplaced.Count == 0 ? null : $"{misplaced.Count} units not on their owners, e.g. {string.Join(", ", misplaced.Take(5).Select(u => $"{u} on {where[u]}, owned by {UnitOwners.Owner(u, silos, s => s)}"))}";
        }, Patience, $"every unit is on its owner {when}:\n{cluster.Logs}");

        var shares = string.Join(", ", silos.Select(s => $"{s} {where.Count(w => w.Value == s)} ({100.0 * where.Count(w => w.Value == s) / units.Count:F1} %)"));
        Figures.Record(output, "placement", $"{when}: {units.Count} units — {shares}; every unit on its owner {clock.Elapsed.TotalSeconds:F1} s after the check began");
        return new Placement(units.ToDictionary(u => u, u => where[u]), clock.Elapsed);
    }

    private static async Task<UnitLocations> LocateAsync(ProcessCluster cluster)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            if (!cluster.Silos[i].HasExited)
            {
                try
                {
                    return (await http.GetFromJsonAsync<UnitLocations>($"{cluster.SiloUrl(i)}{Activations.Path}/units"))!;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Try the next silo.
                }
            }
        }

        return new UnitLocations(new Dictionary<string, string[]>());
    }
}
