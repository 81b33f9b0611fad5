using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Plans;

namespace UnitGrains.Hosting;

/// <summary>
/// Seeds the configured hierarchy once the silo is up, then imports the seed plans written for
/// that list. Runs in the background so the HTTP endpoint comes up at once and reports progress.
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
            var snapshot = HierarchySnapshot.Load(HierarchyEdition.Find(settings.Hierarchy), settings.DataDirectory, settings.ProvinceCodes);
            var report = await new HierarchySeeder(grains, loggers.CreateLogger<HierarchySeeder>()).SeedAsync(snapshot, progress: status, cancellationToken: stoppingToken);
            if (settings.ImportSeedPlans)
            {
                await ImportSeedPlansAsync(snapshot.Edition, settings.DataDirectory);
            }

            status.Complete(report);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Seeding failed");
            status.Fail(e);
        }
    }

    private async Task ImportSeedPlansAsync(HierarchyEdition edition, string dataDirectory)
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

            if (parsed.GetValue().Hierarchy is { } hierarchy && hierarchy != edition.Id)
            {
                logger.LogInformation("Seed plan {File} is written for the {Hierarchy} list; not imported into {Edition}", name, hierarchy, edition.Id);
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
