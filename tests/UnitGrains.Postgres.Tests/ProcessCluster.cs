using UnitGrains.Postgres.Tests.Network;
using UnitGrains.Tests.Shared;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// A real multi-silo cluster: silo processes joined through the PostgreSQL membership table, and a
/// gateway process that is their client. The first silo seeds the hierarchy (only the given
/// provinces, to keep tests short); the others join. Dead silos are noticed within seconds and
/// rollups reconcile every few seconds, so faults settle inside a test's patience. On a
/// <see cref="NetworkLab"/>, each silo runs in its own network namespace on its own address.
/// </summary>
public sealed class ProcessCluster(string name, string connectionString, string hierarchy, string provinces, int siloCount = 3, bool importSeedPlans = false, NetworkLab? network = null) : IAsyncDisposable
{
    private readonly (int Silo, int Gateway, int Http)[] _ports = [.. Enumerable.Range(0, siloCount).Select(_ => (HostProcess.FreePort(), HostProcess.FreePort(), HostProcess.FreePort()))];
    private readonly List<Uri> _gatewayUrls = [];
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(10) };

    public List<HostProcess> Silos { get; } = [];

    private string ClusterName => name;

    public List<HostProcess> Gateways { get; } = [];

    public HttpClient Http { get; private set; } = new();

    private Dictionary<string, string> Environment => network is null ? LoopbackEnvironment : NetworkEnvironment;

    /// <summary>
    /// Across the lab's switch the silos keep the product's probing (2 s × 3 missed, not the
    /// loopback tests' 1 s × 2): a network that delays and loses frames must not get a healthy
    /// silo declared dead, and a partition is noticed in the time production would take.
    /// </summary>
    private Dictionary<string, string> NetworkEnvironment
    {
        get
        {
            var environment = LoopbackEnvironment;
            environment.Remove("Orleans__Membership__ProbeTimeout");
            environment.Remove("Orleans__Membership__NumMissedProbesLimit");
            return environment;
        }
    }

    private Dictionary<string, string> LoopbackEnvironment => new()
    {
        ["ConnectionStrings__UnitGrains"] = connectionString,
        ["UnitGrains__Storage"] = "postgres",
        // A production gateway refuses to start without a token signing key.
        ["UnitGrains__Auth__SigningKey"] = ScopedTokens.SigningKey,
        ["Orleans__ClusterId"] = name,
        ["UnitGrains__Hierarchy"] = hierarchy,
        ["UnitGrains__Provinces"] = provinces,
        ["UnitGrains__ImportSeedPlans"] = importSeedPlans ? "true" : "false",
        ["UnitGrains__Rollup__ReconcileSeconds"] = "5",
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Logging__LogLevel__Default"] = "Warning",
        // Where units move and when: the placement tests' failure messages show it.
        ["Logging__LogLevel__UnitGrains.Placement"] = "Debug",
        ["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
    };

    public async Task StartAsync(int gateways = 1)
    {
        for (var i = 0; i < siloCount; i++)
        {
            var url = new Uri(SiloUrl(i));
            Silos.Add(StartSilo(i));
            if (i == 0)
            {
                // The seeding silo first: the others join a cluster that already holds the hierarchy.
                await Silos[0].WaitUntilOkAsync(_probe, new Uri(url, "/health/ready").ToString(), TimeSpan.FromMinutes(3));
            }
        }

        await Task.WhenAll(Silos.Skip(1).Select((s, i) => s.WaitUntilOkAsync(_probe, $"{SiloUrl(i + 1)}/health/ready", TimeSpan.FromMinutes(2))));
        for (var g = 0; g < gateways; g++)
        {
            var url = new Uri($"http://127.0.0.1:{HostProcess.FreePort()}");
            var gateway = Start($"gateway{g}", "Gateway", "UnitGrains.Gateway.dll", url, "--cluster", "client");
            Gateways.Add(gateway);
            _gatewayUrls.Add(url);
            await gateway.WaitUntilOkAsync(_probe, new Uri(url, "/health/ready").ToString(), TimeSpan.FromMinutes(2));
        }

        Http = Client(0);
    }

    /// <summary>Silo <paramref name="index"/>'s operators' HTTP (health, /cluster/activations).</summary>
    public string SiloUrl(int index) => $"http://{SiloHost(index)}:{_ports[index].Http}";

    /// <summary>Silo <paramref name="index"/>'s name in the cluster: its endpoint, as placement names it.</summary>
    public string SiloEndpoint(int index) => $"{SiloHost(index)}:{_ports[index].Silo}";

    private string SiloHost(int index) => network is null ? "127.0.0.1" : NetworkLab.Address(index);

    /// <summary>Starts silo <paramref name="index"/> again on its ports after it died: a new silo of the same address joins.</summary>
    public async Task RestartSiloAsync(int index)
    {
        await Silos[index].DisposeAsync();
        Silos[index] = StartSilo(index);
        await Silos[index].WaitUntilOkAsync(_probe, $"{SiloUrl(index)}/health/ready", TimeSpan.FromMinutes(2));
    }

    /// <summary>A client whose requests carry the token a legitimate caller would send (see <see cref="ScopedTokens"/>).</summary>
    public HttpClient Client(int gateway) => new(new ScopedTokens()) { BaseAddress = _gatewayUrls[gateway], Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Stops every process gracefully (SIGTERM), gateways first.</summary>
    public async Task StopAsync()
    {
        foreach (var host in Gateways.Concat(Silos))
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        Gateways.Clear();
        _gatewayUrls.Clear();
        Silos.Clear();
    }

    public string Logs => string.Join("\n", Silos.Concat(Gateways).Select(h => $"--- {h.Name} ---\n{h.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Gateways.Concat(Silos))
        {
            await host.DisposeAsync();
        }

        Http.Dispose();
        _probe.Dispose();
    }

    private HostProcess StartSilo(int i) =>
        Start($"silo{i}", "Silo", "UnitGrains.Silo.dll", new Uri(SiloUrl(i)), network is null ? null : i,
            "--silo-port", _ports[i].Silo.ToString(), "--gateway-port", _ports[i].Gateway.ToString(), "--seed", i == 0 ? "true" : "false");

    private HostProcess Start(string name, string project, string assembly, Uri url, params string[] args) =>
        Start(name, project, assembly, url, inNamespaceOf: null, args);

    private HostProcess Start(string name, string project, string assembly, Uri url, int? inNamespaceOf, params string[] args)
    {
        var start = HostProcess.Dotnet(Repo.HostDll(project, assembly), [.. args, "--urls", url.ToString()]);
        if (inNamespaceOf is { } silo)
        {
            // Its own namespace and address: the silo advertises that address to the others.
            start = NetworkLab.InNamespace(silo, start);
            start.Environment["Orleans__AdvertisedAddress"] = NetworkLab.Address(silo);
        }

        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        // Every line of every process, per cluster and process: artifacts/logs/<cluster>/<process>.log.
        return HostProcess.Start(name, start, Path.Combine(Repo.Root, "artifacts", "logs", ClusterName, $"{name}.log"));
    }
}
