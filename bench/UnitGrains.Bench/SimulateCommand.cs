using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Hosting;
using UnitGrains.Simulation;

namespace UnitGrains.Bench;

/// <summary>
/// Runs a whole campaign year for a hierarchy and prints a progress bar and a summary:
/// <c>simulate [--list 2level-2025-07] [--year 2025] [--seed 42] [--provinces 01,79] [--rate N]</c> on an
/// in-process silo in virtual time, or with <c>--gateway http://localhost:8080 [--signing-key K]</c>
/// through a running gateway's API (its real clock: actions dated after today are not yet due).
/// </summary>
internal static class SimulateCommand
{
    public static async Task RunAsync(string[] args)
    {
        var edition = HierarchyEdition.Find(Arg(args, "--list") ?? HierarchyEdition.TwoLevel2025.Id);
        var year = int.Parse(Arg(args, "--year") ?? "2025");
        var seed = int.Parse(Arg(args, "--seed") ?? "42");
        var rate = Arg(args, "--rate") is { } r ? double.Parse(r.Split('/')[0]) : (double?)null;
        var provinces = Arg(args, "--provinces")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var snapshot = HierarchySnapshot.Load(edition, Path.Combine(AppContext.BaseDirectory, "data"), provinces);
        var units = snapshot.Units.Where(u => u.ExpectsPlan).Select(u => u.Code).ToList();
        var actions = CampaignScenario.Generate(units, year, seed);

        SimulationSummary summary;
        if (Arg(args, "--gateway") is { } gateway)
        {
            summary = await OverHttpAsync(new Uri(gateway), Arg(args, "--signing-key"), actions, units.Count, edition, year, seed, rate);
        }
        else
        {
            summary = await InProcessAsync(snapshot, actions, units.Count, year, seed, rate);
        }

        Console.WriteLine();
        Console.WriteLine($"Applied {summary.Applied:N0} of {actions.Count:N0} actions in {summary.Elapsed.TotalSeconds:F1} s ({summary.Applied / summary.Elapsed.TotalSeconds:N0}/s)");
        if (summary.NotYetDue > 0)
        {
            Console.WriteLine($"  not yet due (dated after today): {summary.NotYetDue:N0}");
        }

        foreach (var (code, count) in summary.FailuresByCode)
        {
            Console.WriteLine($"  refused ({code}): {count:N0}");
        }

        if (summary.Nation is { } nation)
        {
            var s = nation.Subtree;
            Console.WriteLine($"Nation: score {s.Score:F1}; plans issued {s.Counts.PlansIssued:N0}/{s.Counts.PlansExpected:N0} ({s.Counts.PlansIssuedOnTime:N0} on time); tasks done {s.Counts.TasksDone:N0}/{s.Counts.TasksDue:N0} ({s.Counts.TasksDoneOnTime:N0} on time); reports {s.Counts.ReportsSubmitted:N0}/{s.Counts.ReportsDue:N0} ({s.Counts.ReportsOnTime:N0} on time); open escalations {s.OpenEscalations:N0}");
        }
    }

    private static async Task<SimulationSummary> InProcessAsync(HierarchySnapshot snapshot, IReadOnlyList<SimulatedAction> actions, int units, int year, int seed, double? rate)
    {
        var clock = new ManualClock(new DateTimeOffset(year, 1, 1, 2, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Configuration[$"{RollupOptions.Section}:Years:0"] = year.ToString();
        builder.UseOrleans(silo =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(CampaignClock.Key, clock);
            silo.AddUnitGrains(builder.Configuration).UseLocalhostClustering(23111, 23112);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var heapEmpty = SeedBenchmark.Heap();
        var watch = Stopwatch.StartNew();
        await new HierarchySeeder(grains, NullLogger<HierarchySeeder>.Instance).SeedAsync(snapshot);
        Console.WriteLine($"Simulating {year} for {units:N0} units of {snapshot.Edition.Id} (seed {seed}): {actions.Count:N0} actions; seeded in {watch.Elapsed.TotalSeconds:F1} s");
        var heapSeeded = SeedBenchmark.Heap();

        var summary = await new ScenarioRunner(new GrainCampaignTarget(grains, clock)) { Rate = rate }.RunAsync(actions, new Progress<SimulationProgress>(Draw));

        // Every grain is still active: the heap holds each unit's activation, its live rollup and the
        // in-memory storage's copy of its state, now with a year's plan, tasks and reports.
        var heapYear = SeedBenchmark.Heap();
        Console.WriteLine();
        Console.WriteLine($"Heap: {(heapYear - heapEmpty) / 1024.0 / snapshot.Units.Count:F1} KiB per unit over all {snapshot.Units.Count:N0} units with a year loaded " +
            $"({(heapSeeded - heapEmpty) / 1024.0 / snapshot.Units.Count:F1} KiB seeded only); the year adds {(heapYear - heapSeeded) / 1024.0 / units:F1} KiB per unit with a campaign ({units:N0})");

        await host.StopAsync();
        return summary;
    }

    private static async Task<SimulationSummary> OverHttpAsync(Uri gateway, string? signingKey, IReadOnlyList<SimulatedAction> actions, int units, HierarchyEdition edition, int year, int seed, double? rate)
    {
        var tokens = new GatewayTokens(signingKey);
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        var today = DateOnly.FromDateTime(DateTime.UtcNow.Add(VietnamCalendar.Offset));
        Console.WriteLine($"Simulating {year} for {units:N0} units of {edition.Id} (seed {seed}) through {gateway}: {actions.Count:N0} actions{(rate is { } r ? $" at {r:N0}/s" : "")}");
        var target = new HttpCampaignTarget(http, tokens.OfficerOf, $"sim-{seed}");
        return await new ScenarioRunner(target) { Parallelism = 32, Rate = rate, Until = today }.RunAsync(actions, new Progress<SimulationProgress>(Draw));
    }

    private static void Draw(SimulationProgress p)
    {
        const int width = 40;
        var done = p.Total == 0 ? width : (int)((long)p.Applied * width / p.Total);
        Console.Write($"\r{p.Day:yyyy-MM-dd} [{new string('#', done)}{new string('.', width - done)}] {p.Applied:N0}/{p.Total:N0}");
    }

    private static string? Arg(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
