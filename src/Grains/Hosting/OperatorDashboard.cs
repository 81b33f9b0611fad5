using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace UnitGrains.Hosting;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard) for operators: silos, grain activations,
/// calls, latencies and reminders, served at <see cref="Path"/> on the HTTP port of every process
/// that hosts a silo or a cluster client. It lives outside <c>/api</c> so the API's access control
/// does not apply to it; put it behind the operators' network or a proxy.
/// </summary>
public static class OperatorDashboard
{
    public const string Path = "/dashboard";

    /// <summary>On by default; off saves its per-call statistics where nobody looks (benchmarks).</summary>
    public const string EnabledKey = "UnitGrains:Dashboard";

    /// <summary>Collects grain call statistics on this silo and answers the dashboard's queries.</summary>
    public static ISiloBuilder AddUnitGrainsDashboard(this ISiloBuilder silo) =>
        silo.AddDashboard(o => o.HideTrace = true);

    /// <summary>A cluster client can serve the dashboard too, reading what the silos collect.</summary>
    public static IClientBuilder AddUnitGrainsDashboard(this IClientBuilder client) =>
        client.AddDashboard(o => o.HideTrace = true);

    public static IEndpointRouteBuilder MapUnitGrainsDashboard(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(EnabledKey, true))
        {
            endpoints.MapOrleansDashboard(routePrefix: Path);
        }

        return endpoints;
    }
}
