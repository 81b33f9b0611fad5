using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Plans;

namespace UnitGrains.Bench;

/// <summary>
/// The <c>micro</c> command: BenchmarkDotNet's switcher over the domain benchmarks below (e.g.
/// <c>--filter *Rollup*</c>; all of them without arguments). A short job run in-process — no
/// generated project to build on a busy machine — so a full run takes a couple of minutes.
/// </summary>
internal static class MicroCommand
{
    public static void Run(string[] args)
    {
        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "unitgrains-benchmarkdotnet"));
        BenchmarkSwitcher.FromTypes([typeof(RollupBenchmarks), typeof(CampaignBenchmarks)])
            .Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }
}

/// <summary>
/// The rollup's steps on one parent: folding a child's new summary, producing the summary sent
/// upward, and turning counts into indicators. Children: a district's communes (15) and the
/// nation's provinces (63). No escalations: their sort is the part of a publish that grows with them.
/// </summary>
[MemoryDiagnoser]
public class RollupBenchmarks
{
    private static readonly int[] Years = [BenchSilo.Year];
    private Rollup _parent = null!;
    private SubtreeSummary[] _alternating = null!;
    private IndicatorCounts _counts;
    private long _clock;
    private int _turn;

    [Params(15, 63)]
    public int Children { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _parent = new Rollup("parent", Years);
        for (var i = 0; i < Children; i++)
        {
            var child = new Rollup($"c{i}", Years);
            child.SetOwn([Counts(i)], []);
            _parent.ApplyChild(child.Publish(++_clock));
        }

        // Two contents for the first child, swapped on every call so each one changes the subtree.
        _alternating = [Summary(1), Summary(2)];
        _counts = _parent.Subtree(BenchSilo.Year);
    }

    [Benchmark]
    public bool ApplyChild() => _parent.ApplyChild(_alternating[_turn++ & 1], authoritative: true);

    [Benchmark]
    public SubtreeSummary Publish() => _parent.Publish(++_clock);

    [Benchmark]
    public Indicators IndicatorsFrom() => Indicators.From(_counts, ScoreWeights.Default);

    private static IndicatorCounts Counts(int i) => new(1, 1, 1, 10 + i, 5 + i, 4, 3, 2, 1, 10 + i, 7.5m + i, 0);

    private SubtreeSummary Summary(int extra) => new("c0", ++_clock, [new YearCounts(BenchSilo.Year, Counts(extra))], []);
}

/// <summary>
/// The domain rule of an event at a commune: completing its last open task (the longest search) and
/// recomputing the commune's own counts, on the largest seed plan (001, Bình Định: 20 tasks, six-monthly
/// and annual reports) and on the 64-task plan the load benchmarks give every commune.
/// </summary>
[MemoryDiagnoser]
public class CampaignBenchmarks
{
    private Campaign _campaign = null!;
    private Campaign _halfDone = null!;
    private string _lastTask = null!;
    private TaskCompletion _completion = null!;
    private DateOnly _today;
    private int _year;

    private Duty _duty = null!;

    [Params("seed-001", "bench-64")]
    public string Plan { get; set; } = "seed-001";

    [GlobalSetup]
    public void Setup()
    {
        var (year, draft, tasks) = Plan == "seed-001" ? SeedPlan() : (BenchSilo.Year, BenchSilo.Plan, BenchSilo.Tasks);
        _year = year;
        _duty = BenchSilo.CommuneDuty(year);
        _today = new DateOnly(year, 12, 31);
        _campaign = Campaign.Empty(year).Import(draft, tasks, _today).GetValue();
        _halfDone = _campaign;
        foreach (var task in _campaign.Tasks.Take(_campaign.Tasks.Count / 2))
        {
            _halfDone = _halfDone.CompleteTask(task.Id, CompletionOf(task), _today).GetValue();
        }

        var last = _campaign.Tasks[^1];
        _lastTask = last.Id;
        _completion = CompletionOf(last);
    }

    [Benchmark]
    public Outcome<Campaign> CompleteTask() => _campaign.CompleteTask(_lastTask, _completion, _today);

    [Benchmark]
    public IndicatorCounts OwnCounts() => IndicatorCounts.Own(_duty, _halfDone, _today, openEscalations: 0);

    /// <summary>Every output reported at 75 % of its target.</summary>
    private static TaskCompletion CompletionOf(CampaignTask task) =>
        new(task.Outputs.ToDictionary(o => o.Metric, o => o.Target * 0.75m));

    private static (int Year, PlanDraft Plan, IReadOnlyList<TaskDraft> Tasks) SeedPlan()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "plans", "001-binh-dinh-2021-2025.json");
        var file = PlanImporter.Parse(File.ReadAllText(path)).GetValue();
        return (file.Year!.Value, file.Plan!, file.Tasks ?? []);
    }
}
