using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using UnitGrains.Hierarchy;
using UnitGrains.Hosting;

namespace UnitGrains.Bench;

/// <summary>
/// Seeds each list into a fresh silo (in-memory, or a fresh PostgreSQL database with
/// <c>--storage memory,postgres</c>) and prints: time to load the list, time to seed,
/// time of an idempotent re-seed, and managed heap growth per unit (activation plus the in-memory
/// storage's copy of its state). Lists run one after another in one process, so their figures
/// compare as ratios on the same machine state.
/// </summary>
internal static class SeedBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var storageArg = args.SkipWhile(a => a != "--storage").Skip(1).FirstOrDefault();
        var lists = args.Where(a => a != "--storage" && a != storageArg).ToArray();
        // "all" is every list with its lineage, as the default run seeds it; a list's id, that list alone.
        string[] editions = lists.Length == 0 ? [HierarchyTimeline.Id, HierarchyEdition.TwoLevel2025.Id, HierarchyEdition.ThreeLevel2023.Id] : lists;
        var runs = BenchStorage.Parse(storageArg).SelectMany(storage => editions.Select(edition => (storage, edition))).ToList();
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        Console.WriteLine($"# seed benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("| storage | list | units | load list (s) | seed (s) | units/s | re-seed, forced (s) | heap growth (MiB) | heap per unit (KiB) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        var port = 21111;
        var results = new List<(string Id, double Seed, double PerUnit)>();
        // The first list seeded in a process pays for JIT compilation; warm up on the first list
        // in a throwaway silo so every reported row runs warm.
        foreach (var ((storage, edition), report) in runs.Take(1).Select(r => (r, false)).Concat(runs.Select(r => (r, true))))
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Error);
            await BenchStorage.ConfigureAsync(builder.Configuration, storage);
            builder.UseOrleans(silo => silo.AddUnitGrains(builder.Configuration).UseLocalhostClustering(port++, port++));
            using var host = builder.Build();
            await host.StartAsync();
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var heapBefore = Heap();

            var clock = Stopwatch.StartNew();
            var snapshot = HierarchySeed.Load(edition, data);
            var load = clock.Elapsed.TotalSeconds;
            var seeder = new HierarchySeeder(grains, NullLogger<HierarchySeeder>.Instance);
            var seed = await seeder.SeedAsync(snapshot);
            var reseed = await seeder.SeedAsync(snapshot, force: true);
            var units = snapshot.Units.Count;
            snapshot = null;
            var growth = Heap() - heapBefore;
            var perUnit = growth / 1024.0 / units;
            await host.StopAsync();
            if (!report)
            {
                continue;
            }

            Console.WriteLine($"| {storage} | {edition} | {units:N0} | {load:F2} | {seed.Elapsed.TotalSeconds:F2} | {units / seed.Elapsed.TotalSeconds:N0} | {reseed.Elapsed.TotalSeconds:F2} | {growth / 1048576.0:F1} | {perUnit:F2} |");
            results.Add(($"{storage} {edition}", seed.Elapsed.TotalSeconds, perUnit));
        }

        Console.WriteLine();
        foreach (var other in results.Skip(1))
        {
            Console.WriteLine($"ratio {other.Id} ÷ {results[0].Id}: seed time ×{other.Seed / results[0].Seed:F2}, heap per unit ×{other.PerUnit / results[0].PerUnit:F2}");
        }
    }

    /// <summary>The managed heap after full, compacting collections: what live objects hold.</summary>
    internal static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
