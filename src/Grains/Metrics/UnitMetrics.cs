using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using UnitGrains.Domain;
using UnitGrains.Hosting;

namespace UnitGrains.Metrics;

/// <summary>
/// The system's own instruments, on the meter <see cref="MeterName"/>: how summaries flow up the
/// hierarchy, how long a change takes to reach each level, the nation's open escalations and
/// seeding progress. Labels are bounded: the only one is <c>level</c> (the five unit kinds), never
/// a unit code, so a scrape stays small whatever the number of units.
/// </summary>
public sealed class UnitMetrics
{
    public const string MeterName = "UnitGrains";

    /// <summary>Bucket bounds in seconds: a hop takes milliseconds, a coalesced chain to the nation up to seconds.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly KeyValuePair<string, object?>[] Levels =
        [.. Enum.GetValues<UnitKind>().Select(k => new KeyValuePair<string, object?>("level", LevelName(k)))];

    private readonly Counter<long> _applied;
    private readonly Counter<long> _published;
    private readonly Histogram<double> _latency;
    private readonly Histogram<int> _journalBatch;
    private readonly Histogram<double> _journalCommit;
    private readonly Counter<long> _journalSnapshots;
    private readonly Counter<long> _journalConflicts;
    private readonly SeedStatus? _seed;
    private int? _nationOpenEscalations;

    public UnitMetrics(IMeterFactory meters, IServiceProvider services)
    {
        Meter = meters.Create(MeterName);
        _seed = services.GetService<SeedStatus>();
        _applied = Meter.CreateCounter<long>("unitgrains.summaries.applied", "{summary}",
            "Child summaries that changed a unit's subtree, by the level of the unit that applied them.");
        _published = Meter.CreateCounter<long>("unitgrains.summaries.published", "{summary}",
            "Summaries a unit sent to its parent, by the level of the sender.");
        _latency = Meter.CreateHistogram("unitgrains.propagation.latency", "s",
            "From a change anywhere in a subtree to the summary carrying it being applied at this level (the oldest change, when several were coalesced).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _journalBatch = Meter.CreateHistogram<int>("unitgrains.journal.batch.size", "{append}",
            "Campaign deltas committed together by one group commit of the PostgreSQL journal (sum: appends, count: commits).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
        _journalCommit = Meter.CreateHistogram("unitgrains.journal.commit.duration", "s",
            "From a batch of campaign deltas sent to PostgreSQL to its commit acknowledged.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _journalSnapshots = Meter.CreateCounter<long>("unitgrains.journal.snapshots", "{snapshot}",
            "Whole campaigns written to PostgreSQL instead of a delta: a unit's first write, or its journal outgrew the last snapshot.");
        _journalConflicts = Meter.CreateCounter<long>("unitgrains.journal.conflicts", "{write}",
            "Campaign writes refused because another activation wrote the unit since it was read (InconsistentStateException).");
        Meter.CreateObservableGauge("unitgrains.escalations.open", ObserveNationEscalations, "{escalation}",
            "Open escalations in the whole country, as the nation last summed them (reported by the silo hosting the nation).");
        Meter.CreateObservableGauge("unitgrains.seed.units.seeded", () => ObserveSeed(seeded: true), "{unit}",
            "Units written by start-up seeding in this process so far.");
        Meter.CreateObservableGauge("unitgrains.seed.units.expected", () => ObserveSeed(seeded: false), "{unit}",
            "Units the seeded hierarchy holds; seeding is done when seeded equals expected.");
    }

    public Meter Meter { get; }

    public static string LevelName(UnitKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A unit of <paramref name="level"/> folded in a child summary that changed its subtree.</summary>
    public void SummaryApplied(UnitKind level, SubtreeSummary summary, DateTimeOffset now)
    {
        var tag = Levels[(int)level];
        _applied.Add(1, tag);
        if (summary.ChangedAt is { } changedAt)
        {
            // Silos' clocks may differ by a little; a change never arrives before it happened.
            _latency.Record(Math.Max(0, (now - changedAt).TotalSeconds), tag);
        }
    }

    public void SummaryPublished(UnitKind level) => _published.Add(1, Levels[(int)level]);

    /// <summary>A group commit of <paramref name="appends"/> campaign deltas took <paramref name="took"/>.</summary>
    public void JournalCommitted(int appends, TimeSpan took)
    {
        _journalBatch.Record(appends);
        _journalCommit.Record(took.TotalSeconds);
    }

    public void JournalSnapshotWritten() => _journalSnapshots.Add(1);

    public void JournalConflict() => _journalConflicts.Add(1);

    /// <summary>The nation's current count; null when the nation leaves this silo.</summary>
    public void NationOpenEscalations(int? open) => _nationOpenEscalations = open;

    private IEnumerable<Measurement<int>> ObserveNationEscalations() =>
        _nationOpenEscalations is { } open ? [new Measurement<int>(open)] : [];

    private IEnumerable<Measurement<int>> ObserveSeed(bool seeded)
    {
        if (_seed?.Current is not { } current)
        {
            return [];
        }

        return current switch
        {
            { State: SeedStatus.SeedState.Ready, Report: { } report } => [new Measurement<int>(report.Total)],
            { State: SeedStatus.SeedState.Seeding or SeedStatus.SeedState.Failed } => [new Measurement<int>(seeded ? current.Progress.Done : current.Progress.Total)],
            _ => [],
        };
    }
}
