using Microsoft.Extensions.Configuration;

namespace UnitGrains.Hosting;

/// <summary>How a process without a silo (the gateway in cluster mode) reaches the cluster.</summary>
public static class ClientSetup
{
    public static IClientBuilder UseUnitGrainsClustering(this IClientBuilder client, IConfiguration configuration)
    {
        var ports = ClusterPorts.From(configuration);
        client.UseLocalhostClustering(ports.Gateway, ClusterPorts.ServiceId, ClusterPorts.ClusterId);
        return client;
    }

    /// <summary>
    /// What operators see through a client: grain-call spans continue the HTTP request's trace
    /// into the silos, and the client serves the dashboard from what the silos collect.
    /// </summary>
    public static IClientBuilder AddUnitGrainsOperators(this IClientBuilder client) =>
        client.AddActivityPropagation().AddUnitGrainsDashboard();
}
