using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Plans;

namespace UnitGrains.Hosting;

/// <summary>
/// Seeds the configured hierarchy — every list by default — once the silo is up, then imports the
/// seed plans, each on the units its codes named on the day it was issued. Runs in the background so the HTTP endpoint comes up at once and reports progress.
/// </summary>
public sealed class HierarchySeedService(
    IGrainFactory grains,
    IOptions<UnitGrainsOptions> options,
    SeedStatus status,
    ILogger<HierarchySeedService> logger,
    ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Seed)
        {
            logger.LogInformation("Seeding is off (UnitGrains:Seed=false)");
            status.Complete(new SeedReport(settings.Hierarchy, 0, 0, 0, 0, AlreadySeeded: true, TimeSpan.Zero));
            return;
        }

        try
        {
            var seed = HierarchySeed.Load(settings.Hierarchy, settings.DataDirectory, settings.ProvinceCodes);
            if (seed.UnmatchedRows is { Count: > 0 } unmatched)
            {
                logger.LogWarning("{Count} rows of the merge map name a unit no list holds; they give no lineage: {Rows}", unmatched.Count, string.Join("; ", unmatched.Take(10)));
            }

            var report = await new HierarchySeeder(grains, loggers.CreateLogger<HierarchySeeder>()).SeedAsync(seed, progress: status, cancellationToken: stoppingToken);
            if (settings.ImportSeedPlans)
            {
                await ImportSeedPlansAsync(seed.OnlyList, settings.DataDirectory);
            }

            status.Complete(report);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Seeding failed");
            status.Fail(e);
        }
    }

    /// <summary>Imports the seed plans: all of them into a cluster of every list, those written for it into a cluster of one list.</summary>
    private async Task ImportSeedPlansAsync(string? onlyList, string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "plans");
        if (!Directory.Exists(folder))
        {
            return;
        }

        var importer = new PlanImporter(grains);
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order())
        {
            var name = Path.GetFileName(path);
            var parsed = PlanImporter.Parse(await File.ReadAllTextAsync(path));
            if (!parsed.IsSuccess)
            {
                logger.LogWarning("Seed plan {File} cannot be read: {Errors}", name, Describe(parsed.Errors));
                continue;
            }

            if (onlyList is not null && parsed.GetValue().Hierarchy is { } hierarchy && hierarchy != onlyList)
            {
                logger.LogInformation("Seed plan {File} is written for the {Hierarchy} list; not imported into {Edition}", name, hierarchy, onlyList);
                continue;
            }

            var outcome = await importer.ImportAsync(parsed.GetValue());
            if (outcome.IsSuccess)
            {
                logger.LogInformation("Imported seed plan {File}: unit {Unit}, {Tasks} tasks", name, outcome.GetValue().UnitCode, outcome.GetValue().Tasks.Count);
            }
            else
            {
                logger.LogWarning("Seed plan {File} was not imported: {Errors}", name, Describe(outcome.Errors));
            }
        }
    }

    private static string Describe(IReadOnlyList<DomainError> errors) => string.Join("; ", errors.Select(e => e.Message));
}
