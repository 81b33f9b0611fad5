using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using UnitGrains.Hierarchy;
using UnitGrains.Hosting;

namespace UnitGrains.Tests.Cluster;

/// <summary>
/// An in-process Orleans cluster running the production silo configuration
/// (<see cref="SiloSetup.AddUnitGrains"/>) with campaign time on a <see cref="FakeTimeProvider"/>.
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    protected ClusterFixture(short silos = 1)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(CampaignClock.Key, Time);
            silo.AddUnitGrains();
            silo.Services.Configure<RollupOptions>(ConfigureRollup);
            ConfigureSilo(silo);
        });
        builder.ConfigureClient(ConfigureClient);
        Cluster = builder.Build();
    }

    /// <summary>What a fixture adds to the production silo configuration (runs as each silo starts).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    protected virtual void ConfigureClient(IClientBuilder client)
    {
    }

    /// <summary>Campaign time starts on 2 March 2026, 09:00 in Vietnam.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public HierarchySeeder Seeder => new(Grains, NullLogger<HierarchySeeder>.Instance);

    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Rollup settings of this cluster; production defaults unless a fixture needs otherwise.</summary>
    protected virtual void ConfigureRollup(RollupOptions options)
    {
    }

    public virtual async Task InitializeAsync() => await Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
