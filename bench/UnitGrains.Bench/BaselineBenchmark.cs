using System.Diagnostics;
using System.Globalization;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;

namespace UnitGrains.Bench;

/// <summary>
/// UnitGrains against the system a team would build without actors (<see cref="SqlBaseline"/>),
/// in one process on the same hierarchy and the same completions, phase by phase, printed as
/// ratios UnitGrains ÷ baseline; then the in-process ceiling (<see cref="CeilingBenchmark"/>).
/// Phases: dashboard reads at rest (national overview; a province's communes ranked), the maximum
/// event rate (closed loop), freshness at a rate both sustain (UnitGrains: completion
/// acknowledged → nation's count includes it; baseline: commit → a recursive read that includes
/// it returns), and overview reads offered at 1,000/s while events flow at that rate.
/// </summary>
internal static class BaselineBenchmark
{
    private static readonly ScoreWeights Weights = ScoreWeights.Default;

    public static async Task RunAsync(string[] args)
    {
        var edition = HierarchyEdition.Find(Stats.Arg(args, "--list") ?? HierarchyEdition.ThreeLevel2023.Id);
        var seconds = double.Parse(Stats.Arg(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        var connections = int.Parse(Stats.Arg(args, "--connections") ?? "32", CultureInfo.InvariantCulture);
        var coalesce = int.Parse(Stats.Arg(args, "--coalesce") ?? "50", CultureInfo.InvariantCulture);
        var readRate = double.Parse(Stats.Arg(args, "--read-rate") ?? "1000", CultureInfo.InvariantCulture);
        var fixedRate = Stats.Arg(args, "--rate") is { } r ? double.Parse(r, CultureInfo.InvariantCulture) : (double?)null;

        Console.WriteLine($"# baseline benchmark — {edition.Id}, {seconds} s per phase, {connections} PostgreSQL connections, coalesce {coalesce} ms, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        var snapshot = BenchSilo.LoadHierarchy(edition);
        var province = LargestProvince(snapshot);
        var communeParents = snapshot.Units.Where(u => u.Kind == UnitKind.Commune && u.Ancestors.Any(a => a.Code == province.Code))
            .Select(u => u.ParentCode!).Distinct().ToArray();
        Console.WriteLine($"# province {province.Code} ({province.Name}): {snapshot.Units.Count(u => u.Kind == UnitKind.Commune && u.Ancestors.Any(a => a.Code == province.Code))} communes under {communeParents.Length} parent unit(s)");

        var clock = Stopwatch.StartNew();
        await using var sql = await SqlBaseline.CreateAsync(await BenchStorage.CreateDatabaseAsync("unitgrains_baseline"), snapshot, connections + 64);
        Console.WriteLine($"# baseline loaded: {snapshot.Units.Count:N0} units, {snapshot.Units.Count(u => u.Kind == UnitKind.Commune) * BenchSilo.TasksPerCommune:N0} tasks in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        await using var silo = await BenchSilo.StartAsync(snapshot, "memory", coalesce, 22311);
        Console.WriteLine($"# UnitGrains seeded with the same tasks in {clock.Elapsed.TotalSeconds:F1} s");

        var sqlQueue = new WorkQueue(silo.Communes, BenchSilo.TasksPerCommune, seed: 42);
        var grainQueue = new WorkQueue(silo.Communes, BenchSilo.TasksPerCommune, seed: 42);
        Task SqlEvent() => sqlQueue.TryTake(out var item) ? sql.CompleteAsync(item) : Task.CompletedTask;
        Task GrainEvent() => grainQueue.TryTake(out var item) ? silo.CompleteAsync(item) : Task.CompletedTask;
        Task SqlOverview() => sql.OverviewAsync(UnitCode.Nation, Weights);
        Task GrainOverview() => silo.Nation.GetScoresAsync(BenchSilo.Year);
        Task SqlRanked() => sql.RankedCommunesAsync(province.Code, Weights);
        async Task GrainRanked()
        {
            // The grains rank each unit's children; a province's communes sit one level down in a
            // 3-level list, so the dashboard asks each of their parents and merges the rankings.
            var lists = await Task.WhenAll(communeParents.Select(code => silo.Grains.GetUnit(code).GetChildrenScoresAsync(BenchSilo.Year)));
            Ranking.Rank(lists.SelectMany(l => l.GetValue()).Select(c => (c.Unit, c.Subtree)));
        }

        Console.WriteLine();
        Console.WriteLine("| measure | UnitGrains | SQL baseline | UnitGrains ÷ baseline |");
        Console.WriteLine("|---|---:|---:|---:|");

        // Dashboard reads at rest, one after another.
        foreach (var (name, grain, baseline) in new[] { ("national overview", (Func<Task>)GrainOverview, (Func<Task>)SqlOverview), ($"province {province.Code}: communes ranked", GrainRanked, SqlRanked) })
        {
            await OpenLoop.SequentialAsync(0.5, 50, grain);
            await OpenLoop.SequentialAsync(0.5, 5, baseline);
            var g = await OpenLoop.SequentialAsync(seconds, 5000, grain);
            var b = await OpenLoop.SequentialAsync(seconds, 5000, baseline);
            Row($"{name} read p50 (ms), at rest", Stats.Percentile(g, 0.5), Stats.Percentile(b, 0.5), "F3");
            Row($"{name} read p99 (ms), at rest", Stats.Percentile(g, 0.99), Stats.Percentile(b, 0.99), "F3");
        }

        // The maximum event rate, closed loop.
        var (grainMax, grainReached) = await PropagationBenchmark.MeasureMaxAsync(silo, grainQueue, seconds);
        var sqlMax = await ClosedLoopAsync(connections, seconds, SqlEvent);
        Row("max events/s (UnitGrains: acknowledged, 512 in flight; baseline: committed)", grainMax, sqlMax, "N0");
        Row("max events/s reaching the nation's score", grainReached, sqlMax, "N0");

        // Freshness at a rate both sustain.
        var rate = fixedRate ?? 0.5 * Math.Min(grainMax, sqlMax);
        Console.WriteLine($"| *events offered at {rate:N0}/s from here on* | | | |");
        var grainFresh = await PropagationBenchmark.MeasureLatencyAsync(silo, grainQueue, rate, seconds);
        grainFresh.Sort();
        var sqlFresh = await SqlFreshnessAsync(sql, sqlQueue, rate, seconds, connections);
        Row("freshness p50 (ms): event → national score reflects it", Stats.Percentile(grainFresh, 0.5), Stats.Percentile(sqlFresh, 0.5), "F1");
        Row("freshness p99 (ms)", Stats.Percentile(grainFresh, 0.99), Stats.Percentile(sqlFresh, 0.99), "F1");

        // Overview reads offered at readRate/s while events flow.
        var (grainReads, grainLoadEvents) = await ReadsUnderLoadAsync(GrainOverview, GrainEvent, rate, readRate, seconds, 512);
        var (sqlReads, sqlLoadEvents) = await ReadsUnderLoadAsync(SqlOverview, SqlEvent, rate, readRate, seconds, connections);
        Row($"overview reads/s achieved, {readRate:N0}/s offered, events flowing", grainReads.Rate, sqlReads.Rate, "N0");
        Row("  overview read p50 (ms) under load", grainReads.P50, sqlReads.P50, "F3");
        Row("  overview read p99 (ms) under load", grainReads.P99, sqlReads.P99, "F3");
        Row("  reads dropped (64 outstanding at most)", grainReads.Dropped, sqlReads.Dropped, "N0");
        Row("  events/s achieved meanwhile", grainLoadEvents.Rate, sqlLoadEvents.Rate, "N0");

        // Both systems counted every event they acknowledged.
        await silo.WaitForNationAsync(done => done >= silo.Completed);
        var grainDone = await silo.NationDoneAsync();
        var sqlDone = (await sql.SubtreeCountsAsync(UnitCode.Nation)).TasksDone;
        Console.WriteLine($"# check: nation's completed tasks — UnitGrains {grainDone:N0} of {silo.Completed:N0} acknowledged, baseline {sqlDone:N0} of {sql.Committed:N0} committed");

        // The in-process ceiling, on the same hierarchy.
        var ceiling = CeilingBenchmark.Measure(snapshot, seconds);
        Console.WriteLine();
        Console.WriteLine("| measure | UnitGrains | in-process ceiling | UnitGrains ÷ ceiling |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("events/s to the nation vs rollup only (Rollup.SetOwn + Publish/ApplyChild to the root)", grainReached, ceiling.RollupOnly, "N0");
        Row("events/s to the nation vs domain + rollup (Campaign.CompleteTask + IndicatorCounts.Own + the above)", grainReached, ceiling.DomainAndRollup, "N0");
        Console.WriteLine($"# done, load average {LoadAverage()}");
    }

    private static void Row(string measure, double grains, double baseline, string format) =>
        Console.WriteLine($"| {measure} | {grains.ToString(format, CultureInfo.InvariantCulture)} | {baseline.ToString(format, CultureInfo.InvariantCulture)} | ×{(grains / baseline).ToString("G3", CultureInfo.InvariantCulture)} |");

    /// <summary><paramref name="workers"/> loops each running one event after another: events/s.</summary>
    private static async Task<double> ClosedLoopAsync(int workers, double seconds, Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                await operation();
                Interlocked.Increment(ref count);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Events at <paramref name="rate"/>, and meanwhile a probe: commit one more event, then read
    /// the national overview; the baseline's score reflects a commit as soon as a read that
    /// started after it returns, so freshness is that read's time.
    /// </summary>
    private static async Task<List<double>> SqlFreshnessAsync(SqlBaseline sql, WorkQueue queue, double rate, double seconds, int connections)
    {
        var background = OpenLoop.RunAsync(rate, seconds, connections, () => queue.TryTake(out var item) ? sql.CompleteAsync(item) : Task.CompletedTask);
        var freshness = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds && queue.TryTake(out var probe))
        {
            await sql.CompleteAsync(probe);
            var committed = clock.Elapsed.TotalMilliseconds;
            await sql.OverviewAsync(UnitCode.Nation, Weights);
            freshness.Add(clock.Elapsed.TotalMilliseconds - committed);
        }

        await background;
        freshness.Sort();
        return freshness;
    }

    private static async Task<(OpenLoopResult Reads, OpenLoopResult Events)> ReadsUnderLoadAsync(Func<Task> read, Func<Task> @event, double eventRate, double readRate, double seconds, int eventsInFlight)
    {
        var events = OpenLoop.RunAsync(eventRate, seconds, eventsInFlight, @event);
        var reads = OpenLoop.RunAsync(readRate, seconds, 64, read);
        return (await reads, await events);
    }

    private static UnitProfile LargestProvince(HierarchySnapshot snapshot) =>
        snapshot.Units.Where(u => u.Kind == UnitKind.Province)
            .MaxBy(p => snapshot.Units.Count(u => u.Kind == UnitKind.Commune && u.Ancestors.Any(a => a.Code == p.Code)))!;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
