using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Placement;

namespace UnitGrains.Placement;

/// <summary>Units spread over the silos by key, and moved to their owners when silos come and go (docs/architecture.md, "Where units live").</summary>
public static class PlacementSetup
{
    public static ISiloBuilder AddUnitPlacement(this ISiloBuilder silo, IConfiguration? configuration)
    {
        if (configuration is not null)
        {
            silo.Services.Configure<PlacementOptions>(configuration.GetSection(PlacementOptions.Section));
        }

        silo.Services.AddOptions<PlacementOptions>().Validate(o => o.SettleSeconds >= 0 && o.SweepSeconds > 0 && o.MigrationBatch > 0, "UnitGrains:Placement is invalid: SettleSeconds ≥ 0, SweepSeconds > 0, MigrationBatch > 0.");
        silo.Services.AddSingleton<IPlacementStrategyResolver, UnitKeyPlacementResolver>();
        silo.AddPlacementDirector<UnitKeyPlacement, UnitKeyPlacementDirector>();
        silo.Services.AddSingleton<UnitRebalancer>();
        silo.Services.AddSingleton<IActivationWorkingSetObserver>(sp => sp.GetRequiredService<UnitRebalancer>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<UnitRebalancer>());
        return silo;
    }
}
