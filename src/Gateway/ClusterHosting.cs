using Microsoft.Extensions.DependencyInjection.Extensions;
using UnitGrains.Hosting;
using UnitGrains.Simulation;

namespace UnitGrains.Gateway;

/// <summary>
/// How the gateway reaches grains. With no cluster configured (<c>Orleans:Cluster</c> unset or
/// <c>embedded</c>) it co-hosts a silo in its own process — localhost clustering, in-memory
/// storage, the hierarchy seeded at start — so one command runs everything. With
/// <c>Orleans:Cluster=client</c> (<c>--cluster client</c>) it is a client of silos started
/// separately (<c>src/Silo</c>): the local silo's gateway port with in-memory storage, or any silo
/// of the membership table with <c>--storage postgres</c>.
/// </summary>
public static class ClusterHosting
{
    public static WebApplicationBuilder AddUnitGrainsCluster(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mode = configuration["Orleans:Cluster"] ?? "embedded";

        // The campaign clock of this process: the embedded silo's own (tests replace it), or the
        // system's for a client, whose silos run on the same one.
        builder.Services.TryAddKeyedSingleton(CampaignClock.Key, TimeProvider.System);
        switch (mode)
        {
            case "embedded":
                builder.UseOrleans(silo => silo.AddUnitGrains(configuration).UseUnitGrainsClustering(configuration));
                builder.Services.AddHierarchySeeding(configuration);
                builder.Services.AddCampaignSimulation(configuration);
                break;
            case "client" or "localhost":
                builder.UseOrleansClient(client => client.UseUnitGrainsClustering(configuration).AddUnitGrainsOperators(configuration).AddWriteDeadline(configuration));
                break;
            default:
                throw new InvalidOperationException($"Orleans:Cluster is '{mode}'; expected 'embedded' (default) or 'client' (of silos started separately).");
        }

        builder.Services.AddUnitGrainsHealth();
        builder.AddUnitGrainsTelemetry("unitgrains-gateway");
        return builder;
    }
}
