using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UnitGrains.Contracts;

namespace UnitGrains.Hosting;

/// <summary>
/// Liveness (<c>/health/live</c>: the process answers) and readiness (<c>/health/ready</c>: the
/// cluster answers and holds a seeded hierarchy), the same on silo and gateway.
/// </summary>
public static class Health
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddUnitGrainsHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<HierarchyReadyCheck>("hierarchy", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapUnitGrainsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        return endpoints;
    }

    private sealed class HierarchyReadyCheck(IGrainFactory grains, IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (services.GetService<SeedStatus>()?.Current is { State: not SeedStatus.SeedState.Ready } local)
            {
                return HealthCheckResult.Unhealthy(local.State == SeedStatus.SeedState.Failed ? $"seeding failed: {local.Error}" : $"seeding: {local.Progress.Percent:F0} %");
            }

            try
            {
                var info = await grains.GetGrain<IHierarchyGrain>(IHierarchyGrain.Key).GetAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return info is null
                    ? HealthCheckResult.Unhealthy("no hierarchy has been seeded")
                    : HealthCheckResult.Healthy($"hierarchy {info.Edition}");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("the cluster does not answer", e);
            }
        }
    }
}
