using System.Diagnostics;
using Microsoft.Extensions.Logging;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Hierarchy;

/// <summary>What a seeding run did.</summary>
public sealed record SeedReport(string Edition, int Total, int Created, int Updated, int Unchanged, bool AlreadySeeded, TimeSpan Elapsed)
{
    public override string ToString() => AlreadySeeded
        ? $"hierarchy {Edition} already seeded ({Total:N0} units); nothing to do ({Elapsed.TotalSeconds:F1} s)"
        : $"seeded hierarchy {Edition}: {Total:N0} units ({Created:N0} created, {Updated:N0} updated, {Unchanged:N0} unchanged) in {Elapsed.TotalSeconds:F1} s";
}

/// <summary>Progress of a seeding run, for logs and readiness.</summary>
public readonly record struct SeedProgress(int Done, int Total)
{
    public double Percent => Total == 0 ? 100 : 100.0 * Done / Total;
}

/// <summary>
/// Writes a hierarchy into unit grains. Idempotent: a unit whose profile is unchanged is not
/// written, and a cluster that already holds the same list (same content hash) is skipped unless
/// <c>force</c> is set. Refuses to mix two different lists in one cluster.
/// </summary>
public sealed class HierarchySeeder(IGrainFactory grains, ILogger<HierarchySeeder> logger)
{
    /// <summary>Calls in flight at once: enough to keep both cores busy without flooding the silo's queues.</summary>
    public int Parallelism { get; init; } = 256;

    public async Task<SeedReport> SeedAsync(HierarchySnapshot snapshot, bool force = false, IProgress<SeedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var registry = grains.GetGrain<IHierarchyGrain>(IHierarchyGrain.Key);
        var existing = await registry.GetAsync();
        if (existing is not null && existing.Edition != snapshot.Edition.Id)
        {
            throw new InvalidOperationException(
                $"This cluster holds the hierarchy '{existing.Edition}'; seeding '{snapshot.Edition.Id}' into it would mix two lists whose codes overlap. Use a fresh cluster (or storage) for another list.");
        }

        var total = snapshot.Units.Count;
        if (!force && existing?.ContentHash == snapshot.ContentHash)
        {
            var skipped = new SeedReport(snapshot.Edition.Id, total, 0, 0, total, AlreadySeeded: true, clock.Elapsed);
            progress?.Report(new SeedProgress(total, total));
            logger.LogInformation("Seeding: {Report}", skipped);
            return skipped;
        }

        logger.LogInformation("Seeding hierarchy {Edition} ({Description}): {Total:N0} units", snapshot.Edition.Id, snapshot.Edition.Description, total);
        int created = 0, updated = 0, unchanged = 0, done = 0;
        var lastLog = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(snapshot.Units, options, async (unit, ct) =>
        {
            var result = await grains.GetUnit(unit.Code).RegisterAsync(unit);
            _ = result switch
            {
                RegisterResult.Created => Interlocked.Increment(ref created),
                RegisterResult.Updated => Interlocked.Increment(ref updated),
                _ => Interlocked.Increment(ref unchanged),
            };
            var count = Interlocked.Increment(ref done);
            progress?.Report(new SeedProgress(count, total));
            if (count % 2_000 == 0 && lastLog.Elapsed > TimeSpan.FromSeconds(1))
            {
                lastLog.Restart();
                logger.LogInformation("Seeding {Edition}: {Done:N0}/{Total:N0} units ({Percent:F0} %)", snapshot.Edition.Id, count, total, 100.0 * count / total);
            }
        });

        // Recorded last: a run that dies half-way is simply repeated by the next start.
        await registry.RecordSeededAsync(new HierarchyInfo(snapshot.Edition.Id, snapshot.ContentHash, snapshot.CountsByKind(), DateTimeOffset.UtcNow));
        var report = new SeedReport(snapshot.Edition.Id, total, created, updated, unchanged, AlreadySeeded: false, clock.Elapsed);
        logger.LogInformation("Seeding: {Report}", report);
        return report;
    }
}
