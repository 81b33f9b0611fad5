using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.Streams;
using UnitGrains.Contracts;
using UnitGrains.Storage.Postgres;
using UnitGrains.Metrics;
using UnitGrains.Placement;
using UnitGrains.Storage;

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
        silo.Services.TryAddSingleton<UnitStateSerializer>();
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(StorageNames.Units, (sp, _) => sp.GetRequiredService<UnitStateSerializer>());
        var storage = configuration is null ? new StorageSettings(StorageKind.Memory, null) : StorageSettings.From(configuration);
        if (storage.IsPostgres)
        {
            silo.AddPostgresStorage(storage);
        }
        else
        {
            silo.Services.AddGrainStorage(StorageNames.Units, (sp, _) => ActivatorUtilities.CreateInstance<ProcessMemoryGrainStorage>(sp));
            silo.UseInMemoryReminderService();
        }

        // Summaries flow up the tree on memory streams with implicit subscriptions only (no
        // pub-sub store). The pulling agents poll ten times as often as Orleans' default: every hop
        // up the tree otherwise waits half a default period on average, for little CPU saved.
        silo.AddMemoryStreams(StreamNames.Provider, streams =>
        {
            streams.ConfigurePartitioning(8);
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10)));

            // Delivered summaries leave the agents' cache after seconds, not Orleans' default of
            // minutes (kept for rewinding, which summaries — state, not deltas — never need): old
            // summaries otherwise pile up with the event rate rather than with the units
            // (docs/benchmarks.md). A consumer more than this far behind misses messages its next
            // pull heals.
            streams.ConfigureCacheEviction(cache => cache.Configure(o => (o.DataMinTimeInCache, o.DataMaxAgeInCache) = (SummaryCacheTime, SummaryCacheTime)));
        });
        // Grain calls carry the caller's trace only when spans are exported (Telemetry): the
        // propagation filters cost event rate even with nobody listening (docs/benchmarks.md).
        if (configuration is not null && Telemetry.OtlpConfigured(configuration))
        {
            silo.AddActivityPropagation();
        }
        // Units spread over the silos by key and follow them as silos come and go (issue 20).
        silo.AddUnitPlacement(configuration);
        if (configuration?.GetValue(OperatorDashboard.EnabledKey, true) != false)
        {
            silo.AddUnitGrainsDashboard();
        }

        return silo;
    }

    /// <summary>Grain state and reminders in PostgreSQL, the schema applied before the silo starts.</summary>
    private static void AddPostgresStorage(this ISiloBuilder silo, StorageSettings storage)
    {
        silo.Services.AddSingleton(storage);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaStartup>();
        silo.AddAdoNetGrainStorage(AdoNetUnits, o =>
        {
            o.Invariant = StorageSettings.Invariant;
            o.ConnectionString = storage.Database;
        });
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(AdoNetUnits)
            .Configure<IServiceProvider>((o, sp) => o.GrainStorageSerializer = sp.GetRequiredKeyedService<IGrainStorageSerializer>(StorageNames.Units));
        // Campaigns, written on every event, are journaled in tables of their own; the rest goes
        // to the ADO.NET provider (CampaignJournalStorage).
        silo.Services.AddGrainStorage(StorageNames.Units, (sp, _) => new CampaignJournalStorage(
            new AdoNetStorageAdapter(sp.GetRequiredKeyedService<IGrainStorage>(AdoNetUnits)),
            storage.Database,
            sp.GetRequiredService<Orleans.Serialization.Serializer>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            storage.JournalMaxEntries,
            sp.GetRequiredService<UnitMetrics>()));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = StorageSettings.Invariant;
            o.ConnectionString = storage.Database;
        });
    }

    /// <summary>How long the stream agents keep a delivered summary (see <see cref="AddUnitGrains"/>).</summary>
    private static readonly TimeSpan SummaryCacheTime = TimeSpan.FromSeconds(5);

    /// <summary>The ADO.NET provider itself; grains see it through <see cref="AdoNetStorageAdapter"/> as <see cref="StorageNames.Units"/>.</summary>
    private const string AdoNetUnits = StorageNames.Units + "-adonet";

    /// <summary>
    /// Localhost clustering: one silo on loopback (ports <c>Orleans:SiloPort</c> 11111 and
    /// <c>Orleans:GatewayPort</c> 30000 by default).
    /// </summary>
    public const string KubernetesKey = "Orleans:Kubernetes";

    public static ISiloBuilder UseUnitGrainsClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var ports = ClusterPorts.From(configuration);
        var storage = StorageSettings.From(configuration);
        if (storage.IsPostgres)
        {
            // Silos find each other through the membership table; each needs its own ports.
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = StorageSettings.Invariant;
                o.ConnectionString = storage.Database;
            });
            silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ClusterPorts.ServiceId, ports.ClusterId));
            silo.ConfigureEndpoints(ports.AdvertisedAddress, ports.Silo, ports.Gateway, listenOnAnyHostAddress: ports.ListenOnAnyAddress);

            // How fast a dead silo is noticed: probed every 2 s and suspected after 3 missed probes
            // (Orleans: 5 s and 3), so a killed or cut-off silo is declared dead in about 6 s and its
            // units answer again from another silo; Orleans:Membership:ProbeTimeout, NumMissedProbesLimit, …
            // override (docs/benchmarks.md, "Faults: the 503 window").
            silo.Services.Configure<ClusterMembershipOptions>(o => (o.ProbeTimeout, o.NumMissedProbesLimit) = (TimeSpan.FromSeconds(2), 3));
            silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));

            // A silo cut off from the database and every other silo stops itself (Isolation).
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, IsolationGuard>();

            // On Kubernetes (deploy/kubernetes sets Orleans:Kubernetes=true): the silo takes its
            // name and address from its pod, and a silo whose pod is gone is declared dead at once
            // instead of after missed probes. Membership stays in PostgreSQL.
            if (configuration.GetValue<bool>(KubernetesKey))
            {
                silo.UseKubernetesHosting();
            }
        }
        else
        {
            silo.UseLocalhostClustering(ports.Silo, ports.Gateway, primarySiloEndpoint: null, serviceId: ClusterPorts.ServiceId, clusterId: ClusterPorts.LocalClusterId);
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        }

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

/// <summary>
/// Ports, address and ids of this silo's cluster. A localhost cluster is one silo on loopback; a
/// PostgreSQL cluster (<c>Orleans:ClusterId</c>, default <c>unitgrains</c>) advertises
/// <c>Orleans:AdvertisedAddress</c> (loopback unless set, e.g. a container's name resolved at start).
/// </summary>
public readonly record struct ClusterPorts(int Silo, int Gateway, string ClusterId, IPAddress AdvertisedAddress, bool ListenOnAnyAddress)
{
    public const string ServiceId = "unitgrains";

    /// <summary>The cluster id of the in-memory localhost cluster.</summary>
    public const string LocalClusterId = "unitgrains-local";

    public static ClusterPorts From(IConfiguration configuration)
    {
        var advertised = configuration["Orleans:AdvertisedAddress"];
        var address = advertised switch
        {
            null or "" => IPAddress.Loopback,
            _ when IPAddress.TryParse(advertised, out var ip) => ip,
            // A host name (a compose service): the address it resolves to now.
            _ => Dns.GetHostAddresses(advertised).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork),
        };
        return new(
            configuration.GetValue("Orleans:SiloPort", 11111),
            configuration.GetValue("Orleans:GatewayPort", 30000),
            configuration["Orleans:ClusterId"] ?? "unitgrains",
            address,
            ListenOnAnyAddress: !IPAddress.IsLoopback(address));
    }
}
