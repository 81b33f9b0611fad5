using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Hosting;

namespace UnitGrains.Simulation;

/// <summary>
/// Plays a generated campaign of the current year on the grains once seeding is done, spread over
/// <see cref="SimulationOptions.Duration"/>, so a freshly started dashboard has live scores to show.
/// The silo's real clock runs: actions dated after today are left as not yet due.
/// </summary>
public sealed class CampaignSimulationService(
    IGrainFactory grains,
    SeedStatus seed,
    IOptions<UnitGrainsOptions> units,
    IOptions<SimulationOptions> options,
    [FromKeyedServices(CampaignClock.Key)] TimeProvider time,
    ILogger<CampaignSimulationService> logger) : BackgroundService
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        if ((await seed.Finished.WaitAsync(stoppingToken)).State == SeedStatus.SeedState.Failed)
        {
            logger.LogWarning("No campaign simulation: seeding failed");
            return;
        }

        var today = VietnamCalendar.Today(time);
        var year = settings.Year ?? today.Year;
        // The units that plan the simulated year: those of the hierarchy it is scored on.
        var seeded = HierarchySeed.Load(units.Value.Hierarchy, units.Value.DataDirectory, units.Value.ProvinceCodes).Units;
        var on = ScoreYears.HierarchyDate(year, today);
        var codes = seeded.Where(u => u.ExpectsPlan && u.InForceOn(on)).Select(u => u.Code).ToList();
        var actions = CampaignScenario.Generate(codes, year, settings.Seed);
        var due = actions.Count(a => a.Day <= today);
        logger.LogInformation("Simulating the {Year} campaign (seed {Seed}) for {Units} units: {Due} of {Actions} actions due by {Today}, over {Duration}",
            year, settings.Seed, codes.Count, due, actions.Count, today, settings.Duration);

        var runner = new ScenarioRunner(new GrainCampaignTarget(grains))
        {
            Parallelism = Math.Max(1, settings.Parallelism),
            Rate = due / Math.Max(1, settings.Duration.TotalSeconds),
            Until = today,
        };
        var lastLog = time.GetTimestamp();
        var progress = new Progress<SimulationProgress>(p =>
        {
            if (time.GetElapsedTime(lastLog) >= LogEvery)
            {
                lastLog = time.GetTimestamp();
                logger.LogInformation("Simulation at {Day}: {Applied} of {Due} actions applied", p.Day, p.Applied, due);
            }
        });
        var summary = await runner.RunAsync(actions, progress, stoppingToken);
        logger.LogInformation("Simulation done in {Elapsed}: {Applied} actions applied, {Refused} refused ({Codes}), {NotYetDue} not yet due; nation's score {Score:F1}, tasks done {TasksDone}",
            summary.Elapsed, summary.Applied, summary.FailuresByCode.Values.Sum(), string.Join(", ", summary.FailuresByCode.Select(f => $"{f.Key}: {f.Value}")),
            summary.NotYetDue, summary.Nation?.Subtree.Score, summary.Nation?.Subtree.Counts.TasksDone);
    }
}

/// <summary>Registration of the live campaign simulation.</summary>
public static class CampaignSimulationSetup
{
    /// <summary>Adds <see cref="CampaignSimulationService"/>, which plays only when <c>UnitGrains:Simulation:Enabled</c>; call where the hierarchy is seeded.</summary>
    public static IServiceCollection AddCampaignSimulation(this IServiceCollection services, IConfiguration configuration)
    {
        // Always registered, Enabled read when it starts: a host's configuration may still grow
        // after its services are registered (a test host's settings, say).
        services.Configure<SimulationOptions>(configuration.GetSection(SimulationOptions.Section));
        services.AddHostedService<CampaignSimulationService>();
        return services;
    }
}
