using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using UnitGrains.Storage;

namespace UnitGrains.Hosting;

/// <summary>How a process without a silo (the gateway in client mode) reaches the cluster.</summary>
public static class ClientSetup
{
    public static IClientBuilder UseUnitGrainsClustering(this IClientBuilder client, IConfiguration configuration)
    {
        var ports = ClusterPorts.From(configuration);
        var storage = StorageSettings.From(configuration);
        if (storage.IsPostgres)
        {
            // Gateways are read from the membership table: any live silo will do.
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = StorageSettings.Invariant;
                o.ConnectionString = storage.Database;
            });
            client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ClusterPorts.ServiceId, ports.ClusterId));

            // The gateways are re-read every 5 s (Orleans: every minute): a silo cut off by a
            // partition keeps its connection open, with nothing to reset it, so until the list
            // drops it the client sends part of its calls there, each waiting for its deadline
            // (docs/benchmarks.md, "Placement and faults across silos"). Orleans:Gateway:GatewayListRefreshPeriod overrides.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.Services.Configure<GatewayOptions>(configuration.GetSection("Orleans:Gateway"));
        }
        else
        {
            client.UseLocalhostClustering(ports.Gateway, ClusterPorts.ServiceId, ClusterPorts.LocalClusterId);
        }

        // A gateway started before its silos (or while they restart) waits for them instead of exiting.
        client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return !cancellationToken.IsCancellationRequested;
        });
        return client;
    }

    /// <summary>
    /// What operators see through a client: grain-call spans continue the HTTP request's trace
    /// into the silos when spans are exported (as on the silos, see <see cref="SiloSetup"/>), and
    /// the client serves the dashboard from what the silos collect.
    /// </summary>
    public static IClientBuilder AddUnitGrainsOperators(this IClientBuilder client, IConfiguration configuration)
    {
        if (Telemetry.OtlpConfigured(configuration))
        {
            client.AddActivityPropagation();
        }

        return client.AddUnitGrainsDashboard();
    }
}
