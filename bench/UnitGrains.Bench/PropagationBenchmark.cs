using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Hosting;

namespace UnitGrains.Bench;

/// <summary>
/// Events through all levels: task completions at random communes of a whole hierarchy, each one
/// a real grain call (domain rule, state write, summary published), measured at the nation.
/// For each coalescing setting it finds the maximum sustained rate (closed loop, many calls in
/// flight), then replays open-loop at 50 % and 90 % of that rate and reports commune→nation
/// latency: the time from a completion's acknowledgement until the nation's count of completed
/// tasks includes it (the nation is sampled every millisecond; count k reached at t means the
/// k-th acknowledged completion is in). Settings run one after another in one process so their
/// figures compare as ratios.
/// </summary>
internal static class PropagationBenchmark
{
    private const int Year = 2026;

    public static async Task RunAsync(string[] args)
    {
        var edition = HierarchyEdition.Find(Arg(args, "--list") ?? HierarchyEdition.ThreeLevel2023.Id);
        var seconds = double.Parse(Arg(args, "--seconds") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var coalesce = (Arg(args, "--coalesce") ?? "0,50").Split(',').Select(int.Parse).ToArray();
        var storages = BenchStorage.Parse(Arg(args, "--storage"));
        var port = 22111;
        Console.WriteLine($"# propagation benchmark — {edition.Id}, {seconds} s per phase, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("| storage | coalesce (ms) | max events/s (acknowledged) | max events/s (reached nation) | rate | offered events/s | p50 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var storage in storages)
        {
            foreach (var ms in coalesce)
            {
                await RunOneAsync(edition, storage, ms, seconds, port);
                port += 2;
            }
        }
    }

    private static async Task RunOneAsync(HierarchyEdition edition, string storage, int coalesceMs, double seconds, int port)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        await BenchStorage.ConfigureAsync(builder.Configuration, storage);
        builder.Configuration[$"{RollupOptions.Section}:CoalesceMilliseconds"] = coalesceMs.ToString();
        builder.Configuration[$"{RollupOptions.Section}:Years:0"] = Year.ToString();
        builder.UseOrleans(silo => silo.AddUnitGrains(builder.Configuration).UseLocalhostClustering(port, port + 1));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var snapshot = HierarchySnapshot.Load(edition, Path.Combine(AppContext.BaseDirectory, "data"));
        await new HierarchySeeder(grains, NullLogger<HierarchySeeder>.Instance).SeedAsync(snapshot);
        var communes = snapshot.Units.Where(u => u.Kind == UnitKind.Commune).Select(u => u.Code).ToArray();

        // Enough open tasks for every phase: a completion consumes one.
        var tasksPerCommune = 64;
        var plan = new PlanDraft("Kế hoạch CCHC 2026", new PlanPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31)), IssuedOn: new DateOnly(Year, 1, 5));
        var tasks = Enumerable.Range(0, tasksPerCommune)
            .Select(i => new TaskDraft($"Nhiệm vụ {i}", new Agency("Công chức VH-XH"), $"t{i}", new DateOnly(Year, 12, 31), [new TaskOutputDraft("articles", 4)]))
            .ToArray();
        await Parallel.ForEachAsync(communes, new ParallelOptions { MaxDegreeOfParallelism = 128 }, async (code, _) =>
            (await grains.GetGrain<IUnitGrain>(code).ImportPlanAsync(Year, plan, tasks)).GetValue());
        var nation = grains.GetGrain<IUnitGrain>(UnitCode.Nation);
        await WaitForNationAsync(nation, done => true);

        var queue = new WorkQueue(communes, tasksPerCommune, seed: 42);
        var completion = new TaskCompletion(new Dictionary<string, decimal> { ["articles"] = 3 });
        Task<Outcome<CampaignTask>> Complete((string Commune, string Task) item) =>
            grains.GetGrain<IUnitGrain>(item.Commune).CompleteTaskAsync(Year, item.Task, completion);

        // Phase 1: the maximum sustained rate, closed loop.
        var baseline = await NationDoneAsync(nation);
        var clock = Stopwatch.StartNew();
        var acknowledged = 0;
        var workers = Enumerable.Range(0, 512).Select(async _ =>
        {
            while (clock.Elapsed.TotalSeconds < seconds && queue.TryTake(out var item))
            {
                await Complete(item);
                Interlocked.Increment(ref acknowledged);
            }
        });
        await Task.WhenAll(workers);
        var sendSeconds = clock.Elapsed.TotalSeconds;
        await WaitForNationAsync(nation, done => done - baseline >= acknowledged);
        var reachSeconds = clock.Elapsed.TotalSeconds;
        var maxRate = acknowledged / sendSeconds;
        Console.WriteLine($"| {storage} | {coalesceMs} | {maxRate:N0} | {acknowledged / reachSeconds:N0} | max | | | | |");

        // Phase 2: latency at 50 % and 90 % of the maximum, open loop.
        foreach (var share in new[] { 0.5, 0.9 })
        {
            var rate = maxRate * share;
            var latencies = await MeasureLatencyAsync(nation, queue, Complete, rate, seconds);
            if (latencies.Count == 0)
            {
                Console.WriteLine($"| {storage} | {coalesceMs} | | | {share:P0} | {rate:N0} | (ran out of tasks) | | |");
                continue;
            }

            latencies.Sort();
            Console.WriteLine($"| {storage} | {coalesceMs} | | | {share:P0} of max | {rate:N0} | {Percentile(latencies, 0.50):F1} | {Percentile(latencies, 0.99):F1} | {latencies[^1]:F1} |");
        }

        await host.StopAsync();
    }

    private static async Task<List<double>> MeasureLatencyAsync(IUnitGrain nation, WorkQueue queue, Func<(string, string), Task<Outcome<CampaignTask>>> complete, double rate, double seconds)
    {
        var baseline = await NationDoneAsync(nation);
        var acks = new List<double>();
        var gate = new object();
        var clock = Stopwatch.StartNew();
        var sampling = true;
        var samples = new List<(double At, int Count)>();
        var sampler = Task.Run(async () =>
        {
            while (Volatile.Read(ref sampling))
            {
                var count = await NationDoneAsync(nation) - baseline;
                samples.Add((clock.Elapsed.TotalMilliseconds, count));
                await Task.Delay(1);
            }
        });

        var inFlight = new List<Task>();
        var sent = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            while (sent < due && queue.TryTake(out var item))
            {
                sent++;
                inFlight.Add(Ack(complete(item)));
            }

            if (sent < due)
            {
                break;
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(inFlight);
        var total = acks.Count;
        await WaitForNationAsync(nation, done => done - baseline >= total);
        await Task.Delay(5);
        Volatile.Write(ref sampling, false);
        await sampler;

        acks.Sort();
        var latencies = new List<double>(total);
        var s = 0;
        for (var k = 0; k < total; k++)
        {
            while (s < samples.Count && samples[s].Count < k + 1)
            {
                s++;
            }

            if (s < samples.Count)
            {
                latencies.Add(Math.Max(0, samples[s].At - acks[k]));
            }
        }

        return latencies;

        async Task Ack(Task<Outcome<CampaignTask>> call)
        {
            await call;
            var at = clock.Elapsed.TotalMilliseconds;
            lock (gate)
            {
                acks.Add(at);
            }
        }
    }

    private static async Task<int> NationDoneAsync(IUnitGrain nation) => (await nation.GetScoresAsync(Year)).GetValue().Subtree.Counts.TasksDone;

    private static async Task WaitForNationAsync(IUnitGrain nation, Func<int, bool> reached)
    {
        var deadline = Stopwatch.StartNew();
        while (!reached(await NationDoneAsync(nation)))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("The nation did not converge within 2 minutes.");
            }

            await Task.Delay(1);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static string? Arg(string[] args, string name) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>Open tasks to complete, in a reproducible random order of communes.</summary>
    private sealed class WorkQueue(string[] communes, int tasksPerCommune, int seed)
    {
        private readonly int[] _next = new int[communes.Length];
        private readonly Random _random = new(seed);
        private int _remaining = communes.Length * tasksPerCommune;

        public bool TryTake(out (string Commune, string Task) item)
        {
            lock (_random)
            {
                item = default;
                if (_remaining == 0)
                {
                    return false;
                }

                int c;
                do
                {
                    c = _random.Next(communes.Length);
                }
                while (_next[c] >= tasksPerCommune);

                item = (communes[c], $"t{_next[c]++}");
                _remaining--;
                return true;
            }
        }
    }
}
