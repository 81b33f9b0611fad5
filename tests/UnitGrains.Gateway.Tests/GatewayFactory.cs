using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using UnitGrains.Hosting;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The real gateway — embedded silo, the July 2025 hierarchy seeded from the shipped lists, the
/// seed plans imported — behind the in-memory test server, on free loopback ports so it never
/// meets a gateway a developer is running. One instance is shared by the collection; every test
/// works on its own units or campaign years so none depends on another's data.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Configuration a derived factory changes (a gateway with other timings, say).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString());
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Starts the host and waits until seeding is done, so tests never race it.</summary>
    public async Task InitializeAsync()
    {
        _ = Server;
        var status = Services.GetRequiredService<SeedStatus>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (status.Current.State is not (SeedStatus.SeedState.Ready or SeedStatus.SeedState.Failed))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Seeding did not finish within 2 minutes.");
            }

            await Task.Delay(50);
        }

        if (status.Current.State == SeedStatus.SeedState.Failed)
        {
            throw new InvalidOperationException($"Seeding failed: {status.Current.Error}");
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "gateway";
}
