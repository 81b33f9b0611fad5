using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace UnitGrains.Bench;

/// <summary>
/// Where the collector's pauses go: <c>gc-phases TRACE.nettrace</c> reads a trace of the runtime's GC
/// events, taken e.g. during a latency phase of <c>propagation --at 25000</c>:
/// <code>dotnet-trace collect -p PID --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration 00:00:00:05 -o gc.nettrace</code>
/// For each generation collected (background gen2 collections aside) it prints the pause, the time
/// spent marking from each kind of root — the time between one heap's consecutive <c>GCMarkWithType</c>
/// events, from the collection's start, which is how PerfView breaks marking down — and what follows
/// marking (plan, relocate, compact: proportional to what survives).
/// </summary>
internal static class GcPhasesCommand
{
    private static readonly string[] RootKinds =
        ["stack", "finalize queue", "handles", "older generation (cards)", "sized refs", "overflow", "dependent handles", "new finalize queue", "steal", "background handles"];

    public static int Run(string[] args)
    {
        if (args.Length != 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: gc-phases TRACE.nettrace");
            return 2;
        }

        var collections = Read(args[0]);
        foreach (var generation in collections.GroupBy(c => c.Generation).OrderBy(g => g.Key))
        {
            var list = generation.ToList();
            var heaps = Math.Max(1, list.Max(c => c.Heaps));
            Console.WriteLine($"gen{generation.Key}: {list.Count} collections, pause {list.Average(c => c.PauseMs):F1} ms on average (max {list.Max(c => c.PauseMs):F1}), " +
                $"after marking (plan, relocate, compact) {list.Average(c => c.AfterMarkMs):F1} ms; {heaps} heaps");
            foreach (var kind in list.SelectMany(c => c.Marks.Keys).Distinct().OrderByDescending(k => list.Sum(c => c.Marks.GetValueOrDefault(k).Ms)))
            {
                var ms = list.Sum(c => c.Marks.GetValueOrDefault(kind).Ms) / list.Count / heaps;
                var mib = list.Sum(c => c.Marks.GetValueOrDefault(kind).Bytes) / list.Count / 1048576.0;
                Console.WriteLine($"  marking from {kind,-26} {ms,7:F1} ms per heap, {mib,7:F1} MiB reached (all heaps)");
            }
        }

        return 0;
    }

    private sealed class Collection(int generation)
    {
        public int Generation { get; } = generation;

        public double PauseMs { get; set; }

        public double AfterMarkMs { get; set; }

        public int Heaps => LastMark.Count;

        public Dictionary<int, double> LastMark { get; } = [];

        public Dictionary<string, (double Ms, double Bytes)> Marks { get; } = [];
    }

    private static List<Collection> Read(string path)
    {
        using var source = new EventPipeEventSource(path);
        var done = new List<Collection>();
        Collection? current = null;
        double suspendedAt = 0, startedAt = 0;
        source.Clr.GCSuspendEEStart += e => suspendedAt = e.TimeStampRelativeMSec;
        source.Clr.GCStart += e =>
        {
            // Background gen2 collections run beside the program and are not pauses of this kind.
            current = e.Depth == 2 && e.Type == GCType.BackgroundGC ? null : new Collection(e.Depth);
            startedAt = e.TimeStampRelativeMSec;
        };
        source.Clr.GCMarkWithType += e =>
        {
            if (current is null)
            {
                return;
            }

            var from = current.LastMark.TryGetValue(e.HeapNum, out var previous) ? previous : startedAt;
            current.LastMark[e.HeapNum] = e.TimeStampRelativeMSec;
            var kind = e.Type < RootKinds.Length ? RootKinds[e.Type] : $"root kind {e.Type}";
            var (ms, bytes) = current.Marks.GetValueOrDefault(kind);
            current.Marks[kind] = (ms + e.TimeStampRelativeMSec - from, bytes + e.Promoted);
        };
        source.Clr.GCStop += e =>
        {
            if (current is not null)
            {
                current.AfterMarkMs = e.TimeStampRelativeMSec - (current.LastMark.Count > 0 ? current.LastMark.Values.Max() : startedAt);
            }
        };
        source.Clr.GCRestartEEStop += e =>
        {
            if (current is not null)
            {
                current.PauseMs = e.TimeStampRelativeMSec - suspendedAt;
                done.Add(current);
                current = null;
            }
        };
        source.Process();
        return done;
    }
}
