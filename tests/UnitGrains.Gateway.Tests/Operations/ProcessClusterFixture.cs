using UnitGrains.Tests.Shared;
namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The deployment operators run: the dedicated silo host (<c>src/Silo</c>, seeding the July 2025
/// list) and a gateway in cluster-client mode (<c>--cluster localhost</c>), each its own process
/// on free loopback ports, reached over real HTTP.
/// </summary>
public sealed class ProcessClusterFixture : IAsyncLifetime
{
    private HostProcess? _silo;
    private HostProcess? _gateway;

    public Uri SiloUrl { get; } = new($"http://127.0.0.1:{HostProcess.FreePort()}");

    public Uri GatewayUrl { get; } = new($"http://127.0.0.1:{HostProcess.FreePort()}");

    /// <summary>The gateway's management port: the dashboard and /metrics, never on the API port in Production.</summary>
    public Uri ManagementUrl { get; } = new($"http://127.0.0.1:{HostProcess.FreePort()}");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        var cluster = new[] { "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString() };
        _silo = OperatorHosts.Start("silo", "SiloHost", ["--urls", SiloUrl.ToString(), .. cluster]);
        await _silo.WaitUntilOkAsync(Http, new Uri(SiloUrl, "/health/ready").ToString(), TimeSpan.FromMinutes(3));
        _gateway = OperatorHosts.Start("gateway", "GatewayHost", ["--urls", GatewayUrl.ToString(), "--UnitGrains:Management:Urls", ManagementUrl.ToString(), "--cluster", "localhost", .. cluster]);
        await _gateway.WaitUntilOkAsync(Http, new Uri(GatewayUrl, "/health/ready").ToString(), TimeSpan.FromMinutes(1));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ProcessClusterCollection : ICollectionFixture<ProcessClusterFixture>
{
    public const string Name = "process cluster";
}
