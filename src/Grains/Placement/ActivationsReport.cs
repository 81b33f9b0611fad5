using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UnitGrains.Placement;

/// <summary>Unit activations on one silo of the cluster.</summary>
public sealed record SiloUnits(string Silo, string Status, int Units);

/// <summary>Where the units live now: every active silo of the cluster with the unit activations it holds.</summary>
public sealed record ActivationsReport(IReadOnlyList<SiloUnits> Silos, int Units);

/// <summary>The keys of the units each active silo holds (by silo endpoint): which units moved, not only how many.</summary>
public sealed record UnitLocations(IReadOnlyDictionary<string, string[]> Silos);

/// <summary>
/// <c>GET /cluster/activations</c> on a silo's operators' port: what the tests and
/// <c>scripts/cluster.sh status</c> read, from Orleans' management grain (the dashboard shows the
/// same per grain type).
/// </summary>
public static class Activations
{
    public const string Path = "/cluster/activations";

    private static readonly string UnitGrainClass = typeof(UnitGrain).FullName!;

    public static IEndpointRouteBuilder MapUnitGrainsActivations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (IGrainFactory grains) => TypedResults.Ok(await ReadAsync(grains)));
        endpoints.MapGet(Path + "/units", async (IGrainFactory grains) => TypedResults.Ok(await LocateAsync(grains)));
        return endpoints;
    }

    public static async Task<UnitLocations> LocateAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var units = (await management.GetDetailedGrainStatistics(types: null, [.. hosts.Keys]))
            .Where(s => IsUnitGrain(s.GrainType))
            .ToLookup(s => s.SiloAddress, s => s.GrainId.Key.ToString()!);
        return new UnitLocations(hosts.Keys.Order().ToDictionary(s => s.Endpoint.ToString(), s => units[s].Order(StringComparer.Ordinal).ToArray()));
    }

    public static async Task<ActivationsReport> ReadAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var units = (await management.GetSimpleGrainStatistics())
            .Where(s => IsUnitGrain(s.GrainType))
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        var silos = hosts.Keys.Order()
            .Select(s => new SiloUnits(s.Endpoint.ToString(), hosts[s].ToString(), units.GetValueOrDefault(s)))
            .ToList();
        return new ActivationsReport(silos, silos.Sum(s => s.Units));
    }

    /// <summary>Orleans names the grain class, possibly with its assembly after a comma.</summary>
    private static bool IsUnitGrain(string grainType) => grainType == UnitGrainClass || grainType.StartsWith(UnitGrainClass + ",", StringComparison.Ordinal);
}
