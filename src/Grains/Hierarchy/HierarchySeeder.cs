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

    public Task<SeedReport> SeedAsync(HierarchySnapshot snapshot, bool force = false, IProgress<SeedProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SeedAsync(HierarchySeed.Of(snapshot), force, progress, cancellationToken);

    public Task<SeedReport> SeedAsync(HierarchyTimeline timeline, bool force = false, IProgress<SeedProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SeedAsync(HierarchySeed.Of(timeline), force, progress, cancellationToken);

    public async Task<SeedReport> SeedAsync(HierarchySeed seed, bool force = false, IProgress<SeedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var registry = grains.GetGrain<IHierarchyGrain>(IHierarchyGrain.Key);
        var existing = await registry.GetAsync();
        if (existing is not null && existing.Edition != seed.Id)
        {
            throw new InvalidOperationException(
                $"This cluster holds the hierarchy '{existing.Edition}'; seeding '{seed.Id}' into it would mix two lists whose codes overlap. Use a fresh cluster (or storage) for another list.");
        }

        var total = seed.Units.Count;
        if (!force && existing?.ContentHash == seed.ContentHash)
        {
            var skipped = new SeedReport(seed.Id, total, 0, 0, total, AlreadySeeded: true, clock.Elapsed);
            progress?.Report(new SeedProgress(total, total));
            logger.LogInformation("Seeding: {Report}", skipped);
            return skipped;
        }

        logger.LogInformation("Seeding hierarchy {Edition} ({Description}): {Total:N0} units", seed.Id, seed.Description, total);
        int created = 0, updated = 0, unchanged = 0, done = 0;
        var lastLog = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(seed.Units, options, async (unit, ct) =>
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
                logger.LogInformation("Seeding {Edition}: {Done:N0}/{Total:N0} units ({Percent:F0} %)", seed.Id, count, total, 100.0 * count / total);
            }
        });

        await Parallel.ForEachAsync(
            seed.Tenures.GroupBy(t => ICodeDirectoryGrain.BucketOf(t.Key)),
            options,
            async (bucket, _) => await grains.GetGrain<ICodeDirectoryGrain>(bucket.Key).SetAsync(bucket.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)));

        // Recorded last: a run that dies half-way is simply repeated by the next start.
        await registry.RecordSeededAsync(new HierarchyInfo(seed.Id, seed.ContentHash, seed.CountsByKind(), DateTimeOffset.UtcNow));
        var report = new SeedReport(seed.Id, total, created, updated, unchanged, AlreadySeeded: false, clock.Elapsed);
        logger.LogInformation("Seeding: {Report}", report);
        return report;
    }
}

/// <summary>What seeding writes: the units (parents first), which units held each code, and what identifies the whole.</summary>
public sealed record HierarchySeed(
    string Id,
    string Description,
    string ContentHash,
    IReadOnlyList<UnitProfile> Units,
    IReadOnlyDictionary<string, IReadOnlyList<CodeTenure>> Tenures,
    IReadOnlyList<MergeRow>? UnmatchedRows = null)
{
    /// <summary>What <paramref name="hierarchy"/> names: every list (<see cref="HierarchyTimeline.Id"/>) or one list's id.</summary>
    public static HierarchySeed Load(string hierarchy, string dataDirectory, IReadOnlyCollection<string>? provinces = null) =>
        hierarchy == HierarchyTimeline.Id
            ? Of(HierarchyTimeline.Load(dataDirectory, provinces))
            : Of(HierarchySnapshot.Load(HierarchyEdition.Find(hierarchy), dataDirectory, provinces));

    /// <summary>The one list seeded, or null when every list is.</summary>
    public string? OnlyList => Id == HierarchyTimeline.Id ? null : Id;

    public static HierarchySeed Of(HierarchySnapshot snapshot) => new(
        snapshot.Edition.Id,
        snapshot.Edition.Description,
        snapshot.ContentHash,
        snapshot.Units,
        snapshot.Units.ToDictionary(u => u.Code, u => (IReadOnlyList<CodeTenure>)[new CodeTenure(u.Code, u.Code, u.Name, u.Kind, null, null)], StringComparer.Ordinal));

    public static HierarchySeed Of(HierarchyTimeline timeline) => new(
        HierarchyTimeline.Id,
        $"every list: {string.Join("; ", HierarchyTimeline.Editions.Select(e => e.Description))}",
        timeline.ContentHash,
        timeline.Units,
        timeline.Tenures,
        timeline.UnmatchedRows);

    public IReadOnlyDictionary<string, int> CountsByKind() =>
        Units.GroupBy(u => u.Kind).ToDictionary(g => g.Key.ToString(), g => g.Count());
}
