using System.Diagnostics;

namespace UnitGrains.Bench;

/// <summary>What an open-loop phase achieved: operations completed, those skipped because too many were outstanding, and each one's latency (ms).</summary>
internal sealed record OpenLoopResult(int Completed, int Dropped, double Seconds, List<double> Latencies)
{
    public double Rate => Completed / Seconds;

    public double P50 => Stats.Percentile(Latencies, 0.50);

    public double P99 => Stats.Percentile(Latencies, 0.99);
}

/// <summary>
/// Issues an operation at a fixed rate whatever the previous ones are doing (open loop, as users
/// arrive), so a slow system shows as growing latency and dropped work rather than as a politely
/// slower client. At most <c>maxInFlight</c> are outstanding: beyond that an arrival is dropped,
/// which keeps an overloaded system from queueing without bound and shows as a lower achieved rate.
/// </summary>
internal static class OpenLoop
{
    public static async Task<OpenLoopResult> RunAsync(double rate, double seconds, int maxInFlight, Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        var latencies = new List<double>();
        var inFlight = new InFlight();
        long sent = 0;
        var dropped = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                if (inFlight.Count >= maxInFlight)
                {
                    dropped++;
                    continue;
                }

                inFlight.Begin();
                _ = Timed();
            }

            await Task.Delay(1);
        }

        await inFlight.WhenAllEndedAsync("An operation of the open loop");
        latencies.Sort();
        return new OpenLoopResult(latencies.Count, dropped, clock.Elapsed.TotalSeconds, latencies);

        async Task Timed()
        {
            var start = clock.Elapsed.TotalMilliseconds;
            try
            {
                await operation();
            }
            catch (Exception e)
            {
                inFlight.Fail(e);
            }
            finally
            {
                var took = clock.Elapsed.TotalMilliseconds - start;
                lock (latencies)
                {
                    latencies.Add(took);
                }

                inFlight.End();
            }
        }
    }

    /// <summary>Runs <paramref name="operation"/> one after another for up to <paramref name="seconds"/> (at least 20, at most <paramref name="maxCount"/> times); sorted latencies in ms.</summary>
    public static async Task<List<double>> SequentialAsync(double seconds, int maxCount, Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        var latencies = new List<double>();
        while (latencies.Count < 20 || (latencies.Count < maxCount && clock.Elapsed.TotalSeconds < seconds))
        {
            var start = clock.Elapsed.TotalMilliseconds;
            await operation();
            latencies.Add(clock.Elapsed.TotalMilliseconds - start);
        }

        latencies.Sort();
        return latencies;
    }
}
