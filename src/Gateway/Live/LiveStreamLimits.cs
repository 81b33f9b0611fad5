using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace UnitGrains.Gateway.Live;

/// <summary>
/// Bounds on open live streams: <see cref="LiveOptions.MaxStreams"/> in this gateway and
/// <see cref="LiveOptions.MaxStreamsPerClient"/> per client address, so one client opening
/// streams in a loop cannot take every connection and mailbox the others need. A stream holds a
/// <see cref="Lease"/> for as long as it is open.
/// </summary>
public sealed class LiveStreamLimits(IOptions<LiveOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _perClient = new();
    private int _total;

    public int Open => Volatile.Read(ref _total);

    /// <summary>A lease for one more stream of <paramref name="client"/>, or null when a bound is reached.</summary>
    public Lease? TryEnter(string client)
    {
        var limits = options.Value;
        if (Interlocked.Increment(ref _total) > limits.MaxStreams)
        {
            Interlocked.Decrement(ref _total);
            return null;
        }

        var mine = _perClient.AddOrUpdate(client, 1, (_, n) => n + 1);
        if (mine > limits.MaxStreamsPerClient)
        {
            Leave(client);
            return null;
        }

        return new Lease(this, client);
    }

    private void Leave(string client)
    {
        // Remove the entry when it reaches zero, but only if no one raised it meanwhile.
        while (_perClient.TryGetValue(client, out var n))
        {
            if (n <= 1 ? _perClient.TryRemove(new KeyValuePair<string, int>(client, n)) : _perClient.TryUpdate(client, n - 1, n))
            {
                break;
            }
        }

        Interlocked.Decrement(ref _total);
    }

    /// <summary>One open stream; disposing it (once) gives the place back.</summary>
    public sealed class Lease(LiveStreamLimits limits, string client) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                limits.Leave(client);
            }
        }
    }
}
