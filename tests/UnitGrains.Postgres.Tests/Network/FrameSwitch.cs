using System.Diagnostics;

namespace UnitGrains.Postgres.Tests.Network;

/// <summary>
/// An Ethernet hub over tap devices: every frame read from one port is written to every other
/// port (the kernels behind them drop what is not theirs), unless a rule says otherwise —
/// a port cut off (<see cref="Isolate"/>: nothing in or out, as a pulled cable) or a set of ports
/// impaired among themselves (<see cref="Impair"/>: each frame delayed and lost at random, per
/// destination, as netem does on an interface's queue; order is kept since the delay is the same
/// for every frame). One thread reads each port; one writes the delayed frames when due.
/// </summary>
public sealed class FrameSwitch : IDisposable
{
    private const int Frame = 65536;

    private readonly IReadOnlyList<TapDevice> _ports;
    private readonly List<Thread> _threads = [];
    private readonly PriorityQueue<(byte[] Frame, int Length, int Port), (long Due, long Sequence)> _delayed = new();
    private readonly Random _random = new(20);
    private volatile bool _stopping;
    private volatile bool[] _isolated;
    private volatile Impairment _impairment = new([], 0, 0);
    private long _sequence;
    private long _forwarded;
    private long _lost;
    private long _cut;
    private long _late;

    public FrameSwitch(IReadOnlyList<TapDevice> ports)
    {
        _ports = ports;
        _isolated = new bool[ports.Count];
    }

    /// <summary>Frames forwarded, lost to the impairment, dropped by a partition, and delayed.</summary>
    public readonly record struct Counters(long Forwarded, long Lost, long Cut, long Delayed);

    public Counters Count => new(Interlocked.Read(ref _forwarded), Interlocked.Read(ref _lost), Interlocked.Read(ref _cut), Interlocked.Read(ref _late));

    public void Start()
    {
        for (var port = 0; port < _ports.Count; port++)
        {
            var from = port;
            _threads.Add(new Thread(() => Receive(from)) { IsBackground = true, Name = $"switch port {from}" });
        }

        _threads.Add(new Thread(SendDelayed) { IsBackground = true, Name = "switch delay line" });
        _threads.ForEach(t => t.Start());
    }

    public void Isolate(int port, bool isolated)
    {
        var next = (bool[])_isolated.Clone();
        next[port] = isolated;
        _isolated = next;
    }

    public void Impair(int[] ports, TimeSpan delay, double loss) =>
        _impairment = new Impairment([.. ports], Stopwatch.Frequency * delay.Ticks / TimeSpan.TicksPerSecond, loss);

    public void Dispose()
    {
        _stopping = true;
        lock (_delayed)
        {
            Monitor.PulseAll(_delayed);
        }

        // Every thread is out of its read before the devices close: a closed descriptor's number
        // could otherwise be reused under a thread still reading it.
        _threads.ForEach(t => t.Join());
        foreach (var port in _ports)
        {
            port.Dispose();
        }
    }

    private void Receive(int from)
    {
        var buffer = new byte[Frame];
        while (!_stopping)
        {
            var length = _ports[from].Read(buffer, timeoutMs: 100);
            if (length == 0)
            {
                continue;
            }

            var isolated = _isolated;
            var impairment = _impairment;
            for (var to = 0; to < _ports.Count; to++)
            {
                if (to == from)
                {
                    continue;
                }

                if (isolated[from] || isolated[to])
                {
                    Interlocked.Increment(ref _cut);
                    continue;
                }

                if (!impairment.Between(from, to))
                {
                    _ports[to].Write(buffer, length);
                    Interlocked.Increment(ref _forwarded);
                    continue;
                }

                bool lost;
                lock (_random)
                {
                    lost = _random.NextDouble() < impairment.Loss;
                }

                if (lost)
                {
                    Interlocked.Increment(ref _lost);
                    continue;
                }

                lock (_delayed)
                {
                    _delayed.Enqueue((buffer[..length], length, to), (Stopwatch.GetTimestamp() + impairment.DelayTicks, _sequence++));
                    Monitor.Pulse(_delayed);
                }

                Interlocked.Increment(ref _late);
            }
        }
    }

    private void SendDelayed()
    {
        while (true)
        {
            (byte[] Frame, int Length, int Port) next;
            lock (_delayed)
            {
                while (true)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    if (_delayed.TryPeek(out _, out var when))
                    {
                        var wait = when.Due - Stopwatch.GetTimestamp();
                        if (wait <= 0)
                        {
                            next = _delayed.Dequeue();
                            break;
                        }

                        Monitor.Wait(_delayed, TimeSpan.FromTicks(Math.Max(1, wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
                    }
                    else
                    {
                        Monitor.Wait(_delayed);
                    }
                }
            }

            // A partition that began while the frame waited takes it too.
            if (_isolated[next.Port])
            {
                Interlocked.Increment(ref _cut);
                continue;
            }

            _ports[next.Port].Write(next.Frame, next.Length);
            Interlocked.Increment(ref _forwarded);
        }
    }

    private sealed record Impairment(HashSet<int> Ports, long DelayTicks, double Loss)
    {
        public bool Between(int from, int to) => Ports.Contains(from) && Ports.Contains(to);
    }
}
