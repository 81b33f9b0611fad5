using System.Diagnostics;
using System.Globalization;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;

namespace UnitGrains.Bench;

/// <summary>
/// The in-process ceiling: the same rollup folded by plain single-threaded C# (<see cref="RollupTree"/>),
/// each completion applied at its commune and carried to the nation before the next. Two variants:
/// the rollup alone (the commune's counts bumped by hand), and the domain rule plus the rollup
/// (the commune's campaign of 64 tasks changed by <see cref="Campaign.CompleteTask"/> and its counts
/// recomputed by <see cref="IndicatorCounts.Own"/>, as the grain does). Same completions, same order
/// as the other benchmarks.
/// </summary>
internal static class CeilingBenchmark
{
    private static readonly Duty CommuneDuty = BenchSilo.CommuneDuty(BenchSilo.Year);

    private static readonly int[] Years = [BenchSilo.Year];

    public static Task RunAsync(string[] args)
    {
        var edition = HierarchyEdition.Find(Stats.Arg(args, "--list") ?? HierarchyEdition.ThreeLevel2023.Id);
        var seconds = double.Parse(Stats.Arg(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        Console.WriteLine($"# in-process ceiling — {edition.Id}, {seconds} s per variant, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var (rollupOnly, domainAndRollup) = Measure(BenchSilo.LoadHierarchy(edition), seconds);
        Console.WriteLine("| variant | events/s (single thread) |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| rollup only | {rollupOnly:N0} |");
        Console.WriteLine($"| domain + rollup | {domainAndRollup:N0} |");
        return Task.CompletedTask;
    }

    public static (double RollupOnly, double DomainAndRollup) Measure(HierarchySnapshot snapshot, double seconds)
    {
        var communes = snapshot.Units.Where(u => u.Kind == UnitKind.Commune).Select(u => u.Code).ToArray();
        return (RollupOnly(snapshot, communes, seconds), DomainAndRollup(snapshot, communes, seconds));
    }

    private static double RollupOnly(HierarchySnapshot snapshot, string[] communes, double seconds)
    {
        var tree = new RollupTree(snapshot, Years);

        // What one completion adds to a commune's counts: a task due and done on time, 3 of 4 articles.
        var step = new IndicatorCounts(0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0.75m, 0);
        var own = communes.ToDictionary(c => c, _ => IndicatorCounts.Zero, StringComparer.Ordinal);
        var random = new Random(42);
        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            // The clock is read once per 1,000 events: reading it costs as much as an event here.
            for (var i = 0; i < 1000; i++)
            {
                var code = communes[random.Next(communes.Length)];
                own[code] += step;
                tree.SetOwn(code, [own[code]]);
            }

            count += 1000;
        }

        Check(tree, count);
        return count / clock.Elapsed.TotalSeconds;
    }

    private static double DomainAndRollup(HierarchySnapshot snapshot, string[] communes, double seconds)
    {
        var tree = new RollupTree(snapshot, Years);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var campaign = Campaign.Empty(BenchSilo.Year).Import(BenchSilo.Plan, BenchSilo.Tasks, today).GetValue();
        var campaigns = communes.ToDictionary(c => c, _ => campaign, StringComparer.Ordinal);
        var queue = new WorkQueue(communes, BenchSilo.TasksPerCommune, seed: 42);
        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds && queue.TryTake(out var item))
        {
            var updated = campaigns[item.Commune].CompleteTask(item.Task, BenchSilo.Completion, today).GetValue();
            campaigns[item.Commune] = updated;
            tree.SetOwn(item.Commune, [IndicatorCounts.Own(CommuneDuty, updated, today, openEscalations: 0)]);
            count++;
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        Check(tree, count);
        return count / elapsed;
    }

    private static void Check(RollupTree tree, int events)
    {
        var done = tree.Root.Subtree(BenchSilo.Year).TasksDone;
        if (done != events)
        {
            throw new InvalidOperationException($"The root counts {done} completed tasks after {events} events.");
        }
    }
}
