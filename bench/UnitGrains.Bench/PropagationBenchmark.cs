using System.Diagnostics;
using UnitGrains.Domain;
using UnitGrains.Gateway.Live;
using UnitGrains.Hierarchy;

namespace UnitGrains.Bench;

/// <summary>
/// Events through all levels: task completions at random communes of a whole hierarchy, each one
/// a real grain call (domain rule, state write, summary published), measured at the nation.
/// For each coalescing setting it finds the maximum sustained rate (closed loop, many calls in
/// flight), then replays open-loop at 50 % and 90 % of that rate and reports commune→nation
/// latency: the time from a completion's acknowledgement until the nation's count of completed
/// tasks includes it (the nation is sampled every millisecond; count k reached at t means the
/// k-th acknowledged completion is in). Settings run one after another in one process so their
/// figures compare as ratios. With <c>--reads R</c> the national overview is read R times a second
/// (open loop) during the 50 % and 90 % phases, as a dashboard would while events flow —
/// <c>--read-via grain,edge</c> reads it by grain call and through the gateway's kept scores, one
/// phase each. <c>--warmup S</c> runs the closed loop for S seconds first and discards it;
/// <c>--max-seconds S</c> shortens the maximum-rate phase (which can use up the tasks the phases
/// after it need); <c>--timeline</c> prints each latency phase in 250 ms windows.
/// Settings later in a process run warmer: compare first-position figures with each other.
/// <c>--all-years</c> scores every year of the default window (2021 to this year), as production
/// does, instead of only the year the bench works on.
/// </summary>
internal static class PropagationBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var edition = HierarchyEdition.Find(Arg(args, "--list") ?? HierarchyEdition.ThreeLevel2023.Id);
        var seconds = double.Parse(Arg(args, "--seconds") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        // The maximum-rate phase may be shorter: at 70–80k events/s it would otherwise use up the
        // tasks the latency phases after it need (64 per commune).
        var maxSeconds = double.Parse(Arg(args, "--max-seconds") ?? $"{seconds}", System.Globalization.CultureInfo.InvariantCulture);
        var coalesce = (Arg(args, "--coalesce") ?? "0,50").Split(',').Select(int.Parse).ToArray();
        var storages = BenchStorage.Parse(Arg(args, "--storage"));
        var reads = double.Parse(Arg(args, "--reads") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var readVia = (Arg(args, "--read-via") ?? "grain").Split(',').Select(p => Enum.Parse<ReadPath>(p, ignoreCase: true)).ToArray();
        var warmup = double.Parse(Arg(args, "--warmup") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        // Prints, after each latency phase, where in the phase the slow events were (PrintTimeline).
        s_timeline = args.Contains("--timeline");
        BenchSilo.AllScoredYears = args.Contains("--all-years");
        // Offered rates for the latency phases: "--at 25000" measures a target's rate itself instead of 50 % and 90 % of the maximum.
        var at = Arg(args, "--at")?.Split(',').Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        // "--silos 1,3": the same runs on one silo and on three in this process (units spread by key, rollup hops between silos).
        var siloCounts = (Arg(args, "--silos") ?? "1").Split(',').Select(int.Parse).ToArray();
        var port = 22111;
        Console.WriteLine($"# propagation benchmark — {edition.Id}, {seconds} s per phase, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("| silos | storage | coalesce (ms) | max events/s (acknowledged) | max events/s (reached nation) | rate | offered events/s | p50 (ms) | p99 (ms) | max (ms) | overview read via | reads/s | read p50 (ms) | read p99 (ms) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|");
        foreach (var silos in siloCounts)
        {
            foreach (var storage in storages)
            {
                foreach (var ms in coalesce)
                {
                    await RunOneAsync(edition, storage, ms, seconds, maxSeconds, warmup, reads, readVia, at, port, silos);
                    port += 2 * silos;
                }
            }
        }
    }

    private static async Task RunOneAsync(HierarchyEdition edition, string storage, int coalesceMs, double seconds, double maxSeconds, double warmupSeconds, double readRate, ReadPath[] readVia, double[]? offered, int port, int silos)
    {
        await using var silo = await BenchSilo.StartAsync(BenchSilo.LoadHierarchy(edition), storage, coalesceMs, port, silos);
        using var edge = readRate > 0 && readVia.Contains(ReadPath.Edge) ? new EdgeReads(silo.Grains) : null;
        var queue = new WorkQueue(silo.Communes, BenchSilo.TasksPerCommune, seed: 42);

        // Optional warm-up, discarded: the first seconds of a process run on code not yet fully
        // jitted and a thread pool still growing (5 s phases gave ×0.75 of 10 s ones), and a
        // sustained rate is a steady-state rate. Its events use up tasks the later phases then lack.
        if (warmupSeconds > 0)
        {
            var (warm, _) = await MeasureMaxAsync(silo, queue, warmupSeconds);
            Console.Error.WriteLine($"# warm-up: {warm:N0} events/s for {warmupSeconds} s, discarded");
        }

        // Phase 1: the maximum sustained rate, closed loop. Announced on stderr, for attaching a profiler to this phase.
        Console.Error.WriteLine($"# {DateTime.UtcNow:HH:mm:ss} seeded; maximum-rate phase starts");
        using var commits = new GroupCommits(silo.Metrics);
        var (maxRate, reachedRate) = await MeasureMaxAsync(silo, queue, maxSeconds);
        if (commits.Describe() is { } journal)
        {
            Console.Error.WriteLine($"# maximum-rate phase: {journal}");
        }

        Console.WriteLine($"| {silos} | {storage} | {coalesceMs} | {maxRate:N0} | {reachedRate:N0} | max | | | | | | | | |");

        // Phase 2: latency at 50 % and 90 % of the maximum (or at the rates asked for), open loop;
        // with reads, once per read path, alternating.
        var phases = offered?.Select(r => (Label: "fixed", Rate: r)) ?? [(Label: "50 % of max", Rate: maxRate * 0.5), (Label: "90 % of max", Rate: maxRate * 0.9)];
        foreach (var (label, rate) in phases)
        {
            foreach (var via in readRate > 0 ? readVia : [ReadPath.None])
            {
                Func<Task> read = via == ReadPath.Edge ? () => edge!.Cache.GetAsync(UnitCode.Nation, BenchSilo.Year) : () => silo.Nation.GetScoresAsync(BenchSilo.Year);
                var reading = via == ReadPath.None ? null : OpenLoop.RunAsync(readRate, seconds, 64, read);
                Console.Error.WriteLine($"# {DateTime.UtcNow:HH:mm:ss} {label} phase at {rate:N0}/s starts");
                var gc = GcSnapshot.Take();
                var latencies = await MeasureLatencyAsync(silo, queue, rate, seconds);
                Console.Error.WriteLine($"# {label} phase at {rate:N0}/s: {GcSnapshot.Take().Since(gc, latencies.Count)}");
                var reads = "| | | |";
                if (reading is not null)
                {
                    var r = await reading;
                    reads = $"{via.ToString().ToLowerInvariant()} | {r.Rate:N0} | {r.P50:F3} | {r.P99:F3} |";
                }

                if (latencies.Count == 0)
                {
                    Console.WriteLine($"| {silos} | {storage} | {coalesceMs} | | | {label} | {rate:N0} | (ran out of tasks) | | | {reads}");
                    continue;
                }

                latencies.Sort();
                Console.WriteLine($"| {silos} | {storage} | {coalesceMs} | | | {label} | {rate:N0} | {Percentile(latencies, 0.50):F1} | {Percentile(latencies, 0.99):F1} | {latencies[^1]:F1} | {reads}");
            }
        }
    }

    /// <summary>The journal's group commits over a phase, from the silo's metrics (PostgreSQL only).</summary>
    private sealed class GroupCommits : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private long _appends;
        private long _commits;
        private double _seconds;

        public GroupCommits(UnitGrains.Metrics.UnitMetrics metrics)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == metrics.Meter && instrument.Name is "unitgrains.journal.batch.size" or "unitgrains.journal.commit.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, appends, _, _) => (_, _) = (Interlocked.Add(ref _appends, appends), Interlocked.Increment(ref _commits)));
            _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
            {
                lock (_listener)
                {
                    _seconds += seconds;
                }
            });
            _listener.Start();
        }

        public string? Describe()
        {
            var (appends, commits) = (Interlocked.Read(ref _appends), Interlocked.Read(ref _commits));
            return commits == 0 ? null : $"journal {appends:N0} appends in {commits:N0} commits ({(double)appends / commits:F1} a commit), a commit {_seconds / commits * 1000:F1} ms on average";
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Garbage collections and their pauses over a phase: a latency tail is often a pause.</summary>
    private readonly record struct GcSnapshot(TimeSpan Paused, int Gen0, int Gen1, int Gen2, long Allocated, DateTime At)
    {
        public static GcSnapshot Take() =>
            new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), DateTime.UtcNow);

        /// <summary>What the collector did since <paramref name="start"/>; with the events of the phase, also the bytes allocated per event (what sets how often young collections come).</summary>
        public string Since(GcSnapshot start, long events) =>
            $"GC paused {(Paused - start.Paused).TotalMilliseconds:N0} ms of {(At - start.At).TotalMilliseconds:N0} ms; collections gen0 {Gen0 - start.Gen0}, gen1 {Gen1 - start.Gen1}, gen2 {Gen2 - start.Gen2}; " +
            $"allocated {(Allocated - start.Allocated) / 1048576.0:N0} MiB, {(Allocated - start.Allocated) / 1024.0 / Math.Max(1, events):N1} KiB per event; {Last(GCKind.Ephemeral)}; {Last(GCKind.Background)}";

        /// <summary>The last collection of a kind: its pause, what it promoted (copied or kept) and the heap after it.</summary>
        private static string Last(GCKind kind)
        {
            var info = GC.GetGCMemoryInfo(kind);
            var pause = info.PauseDurations.Length > 0 ? info.PauseDurations[0].TotalMilliseconds : 0;
            return $"last {kind.ToString().ToLowerInvariant()} (gen{info.Generation}) paused {pause:N0} ms, promoted {info.PromotedBytes / 1048576.0:N0} MiB, heap {info.HeapSizeBytes / 1048576.0:N0} MiB";
        }
    }

    private enum ReadPath
    {
        None,

        /// <summary>A grain call to the nation, as the gateway made before it kept pushed scores.</summary>
        Grain,

        /// <summary>The gateway's <see cref="ScoresCache"/>: the nation's pushed scores, asked only when not confirmed lately.</summary>
        Edge,
    }

    /// <summary>The gateway's read path, minus HTTP, over the bench's silo.</summary>
    private sealed class EdgeReads : IDisposable
    {
        private readonly UnitFeeds _feeds;

        public EdgeReads(IGrainFactory grains)
        {
            var options = Microsoft.Extensions.Options.Options.Create(new LiveOptions());
            _feeds = new UnitFeeds(grains, TimeProvider.System, options, Microsoft.Extensions.Logging.Abstractions.NullLogger<UnitFeeds>.Instance);
            Cache = new ScoresCache(_feeds, grains, TimeProvider.System, options);
        }

        public ScoresCache Cache { get; }

        public void Dispose() => _feeds.Dispose();
    }

    /// <summary>
    /// Closed loop, 512 completions in flight for <paramref name="seconds"/>: events/s acknowledged,
    /// and events/s until the nation's count includes them all.
    /// </summary>
    public static async Task<(double Acknowledged, double ReachedNation)> MeasureMaxAsync(BenchSilo silo, WorkQueue queue, double seconds)
    {
        var baseline = await silo.NationDoneAsync();
        var clock = Stopwatch.StartNew();
        var acknowledged = 0;
        var workers = Enumerable.Range(0, 512).Select(async _ =>
        {
            while (clock.Elapsed.TotalSeconds < seconds && queue.TryTake(out var item))
            {
                await silo.CompleteAsync(item);
                Interlocked.Increment(ref acknowledged);
            }
        });
        await Task.WhenAll(workers);
        var sendSeconds = clock.Elapsed.TotalSeconds;
        await silo.WaitForNationAsync(done => done - baseline >= acknowledged);
        return (acknowledged / sendSeconds, acknowledged / clock.Elapsed.TotalSeconds);
    }

    /// <summary>Open loop at <paramref name="rate"/>: each completion's time from acknowledgement until the nation's count includes it (ms).</summary>
    public static async Task<List<double>> MeasureLatencyAsync(BenchSilo silo, WorkQueue queue, double rate, double seconds)
    {
        var baseline = await silo.NationDoneAsync();
        var acks = new List<double>();
        var gate = new object();
        var clock = Stopwatch.StartNew();
        var sampling = true;
        // With the collector's total pause at each sample, for the timeline.
        var samples = new List<(double At, int Count, double PausedMs)>();
        var sampler = Task.Run(async () =>
        {
            while (Volatile.Read(ref sampling))
            {
                var count = await silo.NationDoneAsync() - baseline;
                samples.Add((clock.Elapsed.TotalMilliseconds, count, GC.GetTotalPauseDuration().TotalMilliseconds));
                await Task.Delay(1);
            }
        });

        var inFlight = new InFlight();
        var sent = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            while (sent < due && queue.TryTake(out var item))
            {
                sent++;
                inFlight.Begin();
                _ = Ack(silo.CompleteAsync(item));
            }

            if (sent < due)
            {
                break;
            }

            await Task.Delay(1);
        }

        await inFlight.WhenAllEndedAsync("A completion of the latency phase");
        var total = acks.Count;
        await silo.WaitForNationAsync(done => done - baseline >= total);
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

        if (s_timeline)
        {
            PrintTimeline(acks, latencies, samples);
        }

        return latencies;

        async Task Ack(Task<Outcome<CampaignTask>> call)
        {
            try
            {
                await call;
                var at = clock.Elapsed.TotalMilliseconds;
                lock (gate)
                {
                    acks.Add(at);
                }
            }
            catch (Exception e)
            {
                inFlight.Fail(e);
            }
            finally
            {
                inFlight.End();
            }
        }
    }

    private static bool s_timeline;

    /// <summary>
    /// The phase in windows of 250 ms by acknowledgement time: events, their p99 and maximum latency
    /// to the nation, and how long the collector paused in the window — to tell a tail made by
    /// pauses from one made by a backlog.
    /// </summary>
    private static void PrintTimeline(List<double> acks, List<double> latencies, List<(double At, int Count, double PausedMs)> samples)
    {
        const double Window = 250;
        var end = latencies.Count == 0 ? 0 : acks[latencies.Count - 1];
        Console.Error.WriteLine("#   window (ms) | events | p99 (ms) | max (ms) | GC paused (ms)");
        // Latencies are in the order of the sorted acknowledgements: each window takes the next run of them.
        var k = 0;
        for (var from = 0.0; from <= end; from += Window)
        {
            var inWindow = new List<double>();
            for (; k < latencies.Count && acks[k] < from + Window; k++)
            {
                inWindow.Add(latencies[k]);
            }

            inWindow.Sort();
            var paused = PausedBy(samples, from + Window) - PausedBy(samples, from);
            Console.Error.WriteLine(inWindow.Count == 0
                ? $"#   {from,6:F0} | 0 | | | {paused:F0}"
                : $"#   {from,6:F0} | {inWindow.Count} | {Percentile(inWindow, 0.99):F0} | {inWindow[^1]:F0} | {paused:F0}");
        }

        static double PausedBy(List<(double At, int Count, double PausedMs)> samples, double at)
        {
            // Before the first sample, the first sample's total: the pauses of earlier phases are not this window's.
            var last = samples.Count > 0 ? samples[0].PausedMs : 0;
            foreach (var (sampledAt, _, paused) in samples)
            {
                if (sampledAt > at)
                {
                    break;
                }

                last = paused;
            }

            return last;
        }
    }

    private static double Percentile(List<double> sorted, double p) => Stats.Percentile(sorted, p);

    private static string? Arg(string[] args, string name) => Stats.Arg(args, name);
}
