using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.Streams;
using UnitGrains.Contracts;
using UnitGrains.Metrics;

namespace UnitGrains.Hosting;

/// <summary>
/// The silo configuration, written once: the dedicated silo host (<c>src/Silo</c>), the gateway
/// when it co-hosts a silo, and the test clusters all call these.
/// </summary>
public static class SiloSetup
{
    /// <summary>Everything a silo needs to run unit grains, except clustering (test clusters bring their own).</summary>
    public static ISiloBuilder AddUnitGrains(this ISiloBuilder silo, IConfiguration? configuration = null)
    {
        if (configuration is not null)
        {
            silo.Services.Configure<RollupOptions>(configuration.GetSection(RollupOptions.Section));
        }

        silo.Services.AddOptions<RollupOptions>().Validate(o => !o.Weights.Problems().Any() && o.CoalesceMilliseconds >= 0 && o.EscalationGraceDays > 0, "UnitGrains:Rollup is invalid: weights must be ≥ 0 with a positive sum, CoalesceMilliseconds ≥ 0, EscalationGraceDays > 0.");
        silo.Services.TryAddKeyedSingleton(CampaignClock.Key, TimeProvider.System);
        silo.Services.TryAddSingleton<UnitMetrics>();
        // State is stored with Orleans' own serializer: the records are already [GenerateSerializer]
        // with stable field ids, it is version tolerant, and it is several times faster and smaller
        // than the default Newtonsoft JSON, which cannot read positional records anyway.
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(StorageNames.Units, (sp, _) => new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>()));
        silo.AddMemoryGrainStorage(StorageNames.Units);

        // Summaries flow up the tree on memory streams with implicit subscriptions only (no
        // pub-sub store). The pulling agents poll every 10 ms rather than 100: each hop otherwise
        // waits ~55 ms on average, ~170 ms commune→nation, for a few per cent more CPU.
        silo.AddMemoryStreams(StreamNames.Provider, streams =>
        {
            streams.ConfigurePartitioning(8);
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10)));
        });
        silo.UseInMemoryReminderService();
        // Grain calls carry the caller's trace; spans are only made when tracing is on (Telemetry).
        silo.AddActivityPropagation();
        silo.AddUnitGrainsDashboard();
        return silo;
    }

    /// <summary>
    /// Localhost clustering: one silo on loopback (ports <c>Orleans:SiloPort</c> 11111 and
    /// <c>Orleans:GatewayPort</c> 30000 by default).
    /// </summary>
    public static ISiloBuilder UseUnitGrainsClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var ports = ClusterPorts.From(configuration);
        silo.UseLocalhostClustering(ports.Silo, ports.Gateway, primarySiloEndpoint: null, serviceId: ClusterPorts.ServiceId, clusterId: ClusterPorts.ClusterId);
        silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        return silo;
    }

    /// <summary>Seeding and seed-plan import at start-up, in the process that hosts a silo.</summary>
    public static IServiceCollection AddHierarchySeeding(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UnitGrainsOptions>(configuration.GetSection(UnitGrainsOptions.Section));
        services.TryAddSingleton<SeedStatus>();
        services.AddHostedService<HierarchySeedService>();
        return services;
    }
}

/// <summary>Ports and ids of a localhost cluster.</summary>
public readonly record struct ClusterPorts(int Silo, int Gateway)
{
    public const string ServiceId = "unitgrains";
    public const string ClusterId = "unitgrains-local";

    public static ClusterPorts From(IConfiguration configuration) => new(
        configuration.GetValue("Orleans:SiloPort", 11111),
        configuration.GetValue("Orleans:GatewayPort", 30000));
}
