using System.Net.Http.Json;
using UnitGrains.Placement;
using Xunit.Abstractions;

namespace UnitGrains.Postgres.Tests;

/// <summary>Where a unit lives, after placement settled: its silo's endpoint, and how long settling took.</summary>
public sealed record SettledPlacement(IReadOnlyDictionary<string, string> Where, TimeSpan After);

/// <summary>
/// Where the units of a process cluster are active, read from a live silo's operators' endpoint,
/// and a wait until every unit is active once, on its owner among the given silos (printing the
/// shares per silo for docs/benchmarks.md).
/// </summary>
public static class UnitPlacement
{
    /// <summary>Waits until every unit is active on its owner among <paramref name="silos"/>, and prints the shares.</summary>
    public static async Task<SettledPlacement> SettledAsync(ProcessCluster cluster, IReadOnlyList<string> units, string[] silos, string when, ITestOutputHelper output, TimeSpan patience, CampaignDriver? reader = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Dictionary<string, string> where = [];
        await CampaignDriver.EventuallyAsync(async () =>
        {
            // A read of the nation activates it wherever it belongs (nothing else calls the root).
            if (reader is not null)
            {
                try
                {
                    await cluster.Http.GetAsync("/api/units/VN");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return $"the gateway did not answer ({e.Message}); it is {cluster.Gateways[0].State}";
                }
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
        }, patience, $"every unit is on its owner {when}:\n{cluster.Logs}");

        var shares = string.Join(", ", silos.Select(s => $"{s} {where.Count(w => w.Value == s)} ({100.0 * where.Count(w => w.Value == s) / units.Count:F1} %)"));
        Figures.Record(output, "placement", $"{when}: {units.Count} units — {shares}; every unit on its owner {clock.Elapsed.TotalSeconds:F1} s after the check began");
        return new SettledPlacement(units.ToDictionary(u => u, u => where[u]), clock.Elapsed);
    }

    public static async Task<UnitLocations> LocateAsync(ProcessCluster cluster)
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
