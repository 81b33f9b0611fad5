using UnitGrains.Tests.Shared;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// A real multi-silo cluster: silo processes joined through the PostgreSQL membership table, and a
/// gateway process that is their client. The first silo seeds the hierarchy (only the given
/// provinces, to keep tests short); the others join. Dead silos are noticed within seconds and
/// rollups reconcile every few seconds, so faults settle inside a test's patience.
/// </summary>
public sealed class ProcessCluster(string name, string connectionString, string hierarchy, string provinces, int siloCount = 3) : IAsyncDisposable
{
    private readonly string _logs = Path.Combine(Path.GetTempPath(), $"ug-cluster-{name}-{Guid.NewGuid():N}");
    private readonly (int Silo, int Gateway)[] _ports = [.. Enumerable.Range(0, siloCount).Select(_ => (Repo.FreePort(), Repo.FreePort()))];

    public List<HostProcess> Silos { get; } = [];

    public List<HostProcess> Gateways { get; } = [];

    public HttpClient Http { get; private set; } = new();

    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__UnitGrains"] = connectionString,
        ["UnitGrains__Storage"] = "postgres",
        // A production gateway refuses to start without a token signing key.
        ["UnitGrains__Auth__SigningKey"] = ScopedTokens.SigningKey,
        ["Orleans__ClusterId"] = name,
        ["UnitGrains__Hierarchy"] = hierarchy,
        ["UnitGrains__Provinces"] = provinces,
        ["UnitGrains__ImportSeedPlans"] = "false",
        ["UnitGrains__Rollup__ReconcileSeconds"] = "5",
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
    };

    public async Task StartAsync(int gateways = 1)
    {
        for (var i = 0; i < siloCount; i++)
        {
            Silos.Add(StartSilo(i));
            if (i == 0)
            {
                // The seeding silo first: the others join a cluster that already holds the hierarchy.
                await Silos[0].WaitReadyAsync(TimeSpan.FromMinutes(3));
            }
        }

        await Task.WhenAll(Silos.Skip(1).Select(s => s.WaitReadyAsync(TimeSpan.FromMinutes(2))));
        for (var g = 0; g < gateways; g++)
        {
            var gateway = HostProcess.Start($"gateway{g}", Repo.HostDll("Gateway", "UnitGrains.Gateway.dll"), ["--cluster", "client"], Environment, _logs);
            Gateways.Add(gateway);
            await gateway.WaitReadyAsync(TimeSpan.FromMinutes(2));
        }

        Http = Client(0);
    }

    /// <summary>A client whose requests carry the token a legitimate caller would send (see <see cref="ScopedTokens"/>).</summary>
    public HttpClient Client(int gateway) => new(new ScopedTokens()) { BaseAddress = Gateways[gateway].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Stops every process gracefully (SIGTERM), gateways first.</summary>
    public async Task StopAsync()
    {
        foreach (var host in Gateways.Concat(Silos))
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        Gateways.Clear();
        Silos.Clear();
    }

    public string Logs => string.Join("\n", Silos.Concat(Gateways).Select(h => $"--- {h.Name} ---\n{h.Tail(15)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Gateways.Concat(Silos))
        {
            await host.DisposeAsync();
        }

        Http.Dispose();
    }

    private HostProcess StartSilo(int index) => HostProcess.Start(
        $"silo{index}",
        Repo.HostDll("Silo", "UnitGrains.Silo.dll"),
        ["--silo-port", _ports[index].Silo.ToString(), "--gateway-port", _ports[index].Gateway.ToString(), "--seed", index == 0 ? "true" : "false"],
        Environment,
        _logs);
}
