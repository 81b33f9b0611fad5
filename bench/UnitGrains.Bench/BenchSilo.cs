using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Hosting;

namespace UnitGrains.Bench;

/// <summary>
/// An in-process silo holding a whole hierarchy with a campaign of open tasks at every commune,
/// ready for completions: what the propagation and baseline benchmarks drive. The plan and tasks
/// are public so the SQL baseline and the in-process ceiling load exactly the same campaign.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    public const int Year = 2026;

    /// <summary>What a commune owes under the national default, for the benchmarks that count without a silo.</summary>
    public static Duty CommuneDuty(int year) =>
        new(year, new PlanPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), new DateOnly(year, 1, 31), false, new ReportingRegime(NationalDuty.Reports, null), null, null, []);

    /// <summary>Enough open tasks for every phase of a run: a completion consumes one.</summary>
    public const int TasksPerCommune = 64;

    public static readonly PlanDraft Plan = new("Kế hoạch CCHC 2026", new PlanPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31)), IssuedOn: new DateOnly(Year, 1, 5));

    public static readonly TaskDraft[] Tasks = [.. Enumerable.Range(0, TasksPerCommune)
        .Select(i => new TaskDraft($"Nhiệm vụ {i}", new Agency("Công chức VH-XH"), $"t{i}", new DateOnly(Year, 12, 31), [new TaskOutputDraft("articles", 4)]))];

    /// <summary>Every completion reports 3 of the 4 articles targeted.</summary>
    public static readonly TaskCompletion Completion = new(new Dictionary<string, decimal> { ["articles"] = 3 });

    private readonly List<IHost> _hosts;

    private BenchSilo(List<IHost> hosts, HierarchySnapshot snapshot)
    {
        _hosts = hosts;
        Snapshot = snapshot;
        Grains = hosts[0].Services.GetRequiredService<IGrainFactory>();
        Communes = [.. snapshot.Units.Where(u => u.Kind == UnitKind.Commune).Select(u => u.Code)];
        Nation = Grains.GetUnit(UnitCode.Nation);
    }

    public HierarchySnapshot Snapshot { get; }

    public IGrainFactory Grains { get; }

    /// <summary>The silo's own instruments (<see cref="UnitMetrics"/>), e.g. the journal's group commits.</summary>
    public UnitGrains.Metrics.UnitMetrics Metrics => _hosts[0].Services.GetRequiredService<UnitGrains.Metrics.UnitMetrics>();

    public string[] Communes { get; }

    public IUnitGrain Nation { get; }

    /// <summary>Score every year of the default window (2021 to this year), as production does, instead of the bench's one year.</summary>
    public static bool AllScoredYears { get; set; }

    public static HierarchySnapshot LoadHierarchy(HierarchyEdition edition) =>
        HierarchySnapshot.Load(edition, Path.Combine(AppContext.BaseDirectory, "data"));

    /// <summary>
    /// Starts a silo — or <paramref name="silos"/> silos in this process, joined on loopback ports
    /// (the first is the primary), units spread over them by key as on a real cluster — seeds the
    /// hierarchy, imports the plan at every commune and waits until the nation has it. Calls go
    /// in through the first silo. In-memory state is per silo, so the units are seeded only once
    /// every silo has joined and placement has settled: no unit moves afterwards.
    /// </summary>
    public static async Task<BenchSilo> StartAsync(HierarchySnapshot snapshot, string storage, int coalesceMs, int port, int silos = 1)
    {
        var hosts = new List<IHost>();
        for (var i = 0; i < silos; i++)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Error);
            await BenchStorage.ConfigureAsync(builder.Configuration, storage);
            builder.Configuration[$"{RollupOptions.Section}:CoalesceMilliseconds"] = coalesceMs.ToString();
            if (!AllScoredYears)
            {
                builder.Configuration[$"{RollupOptions.Section}:Years:0"] = Year.ToString();
            }

            // The project's localhost cluster ids, so a real gateway (`--cluster client --Orleans:GatewayPort=port+1`)
            // can attach to the bench's silo and be read over HTTP while the bench drives events.
            var (siloPort, gatewayPort) = (port + (2 * i), port + (2 * i) + 1);
            var primary = i == 0 ? null : new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port);
            builder.UseOrleans(silo => silo.AddUnitGrains(builder.Configuration)
                .UseLocalhostClustering(siloPort, gatewayPort, primarySiloEndpoint: primary, serviceId: ClusterPorts.ServiceId, clusterId: ClusterPorts.LocalClusterId));
            var host = builder.Build();
            await host.StartAsync();
            hosts.Add(host);
        }

        var silo = new BenchSilo(hosts, snapshot);
        if (silos > 1)
        {
            await silo.WaitForSilosAsync(silos);
        }

        await new HierarchySeeder(silo.Grains, NullLogger<HierarchySeeder>.Instance).SeedAsync(snapshot);
        await Parallel.ForEachAsync(silo.Communes, new ParallelOptions { MaxDegreeOfParallelism = 128 }, async (code, _) =>
            (await silo.Grains.GetUnit(code).ImportPlanAsync(Year, Plan, Tasks)).GetValue());
        await silo.WaitForNationAsync(_ => true);
        return silo;
    }

    /// <summary>Until every silo is active, and then the rebalancer's settle time and a margin, so nothing seeded is moved.</summary>
    private async Task WaitForSilosAsync(int silos)
    {
        var membership = _hosts[0].Services.GetRequiredService<IClusterMembershipService>();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) < silos)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"{silos} silos did not join within a minute.");
            }

            await Task.Delay(100);
        }

        var settle = _hosts[0].Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<UnitGrains.Placement.PlacementOptions>>().Value.SettleSeconds;
        await Task.Delay(TimeSpan.FromSeconds(settle + 2));
    }

    private int _completed;

    /// <summary>Completions acknowledged so far: what the nation's count must reach.</summary>
    public int Completed => Volatile.Read(ref _completed);

    public async Task<Outcome<CampaignTask>> CompleteAsync((string Commune, string Task) item)
    {
        var outcome = await Grains.GetUnit(item.Commune).CompleteTaskAsync(Year, item.Task, Completion);
        if (outcome.IsSuccess)
        {
            Interlocked.Increment(ref _completed);
        }

        return outcome;
    }

    public async Task<int> NationDoneAsync() => (await Nation.GetScoresAsync(Year)).GetValue().Subtree.Counts.TasksDone;

    public async Task WaitForNationAsync(Func<int, bool> reached)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!reached(await NationDoneAsync()))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("The nation did not converge within 2 minutes.");
            }

            await Task.Delay(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
