using Microsoft.Extensions.Options;

namespace UnitGrains.Gateway.Live;

/// <summary>
/// The registry of this process's live feeds: at most one upstream subscription per watched unit,
/// created by its first client or by reads (<see cref="HoldForReads"/>), and dropped when its last
/// client has left and no read has held it for <see cref="ReadHold"/>.
/// </summary>
public sealed class UnitFeeds : IDisposable
{
    /// <summary>A feed kept for reads lives this long after the last read of its unit.</summary>
    public static readonly TimeSpan ReadHold = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, UnitFeed> _feeds = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly IOptions<LiveOptions> _options;
    private readonly ILogger<UnitFeeds> _logger;
    private readonly ITimer _sweep;

    public UnitFeeds(IGrainFactory grains, TimeProvider time, IOptions<LiveOptions> options, ILogger<UnitFeeds> logger)
    {
        _grains = grains;
        _time = time;
        _options = options;
        _logger = logger;
        var every = TimeSpan.FromSeconds(Math.Max(1, Options.RenewSeconds));
        _sweep = time.CreateTimer(_ => Sweep(), null, every, every);
    }

    private LiveOptions Options => _options.Value;

    /// <summary>Units this process currently watches upstream.</summary>
    public int WatchedUnits
    {
        get
        {
            lock (_gate)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>Clients watching <paramref name="code"/> here.</summary>
    public int SubscribersOf(string code)
    {
        lock (_gate)
        {
            return _feeds.TryGetValue(code, out var feed) ? feed.Count : 0;
        }
    }

    /// <summary>How many items wait in each mailbox of <paramref name="code"/>'s clients: a client whose writer is stuck keeps one or more.</summary>
    public IReadOnlyList<int> PendingOf(string code)
    {
        lock (_gate)
        {
            return _feeds.TryGetValue(code, out var feed) ? feed.Pending : [];
        }
    }

    /// <summary>Adds a client of one unit and year; returns once the unit's watch is registered.</summary>
    public async Task<LiveSubscriber> JoinAsync(string code, int year, CancellationToken cancellation)
    {
        var subscriber = new LiveSubscriber(code, year, Math.Max(1, Options.ActivityBacklog));
        UnitFeed feed;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(code, out feed!))
            {
                _feeds[code] = feed = NewFeed(code);
            }

            feed.Add(subscriber);
        }

        try
        {
            await feed.Started.WaitAsync(cancellation);
            return subscriber;
        }
        catch
        {
            Leave(subscriber);
            throw;
        }
    }

    public void Leave(LiveSubscriber subscriber)
    {
        UnitFeed? stopping = null;
        lock (_gate)
        {
            if (_feeds.TryGetValue(subscriber.Code, out var feed))
            {
                feed.Remove(subscriber);
                if (feed.Count == 0 && !feed.HeldForReads(_time.GetUtcNow()))
                {
                    _feeds.Remove(subscriber.Code);
                    stopping = feed;
                }
            }
        }

        if (stopping is not null)
        {
            _ = StopAsync(stopping);
        }
    }

    /// <summary>The feed of <paramref name="code"/>, started or starting, if this process has one.</summary>
    internal UnitFeed? Find(string code)
    {
        lock (_gate)
        {
            return _feeds.GetValueOrDefault(code);
        }
    }

    /// <summary>
    /// Keeps (or starts) the feed of a unit that is being read, for <see cref="ReadHold"/> after this
    /// read. At most <see cref="LiveOptions.CachedReadUnits"/> feeds are started for reads: each one
    /// makes its unit notify this process on every change.
    /// </summary>
    internal UnitFeed? HoldForReads(string code)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_feeds.TryGetValue(code, out var feed))
            {
                if (_feeds.Values.Count(f => f.Count == 0) >= Options.CachedReadUnits)
                {
                    return null;
                }

                _feeds[code] = feed = NewFeed(code);
                _ = ForgetIfNotStartedAsync(feed);
            }

            feed.KeepForReads(now);
            return feed;
        }
    }

    private UnitFeed NewFeed(string code) =>
        new(code, _grains, _time, TimeSpan.FromSeconds(Math.Max(1, Options.RenewSeconds)), _logger);

    /// <summary>A feed started for reads whose unit would not register it (gone, or unreachable) is forgotten, to be tried by a later read.</summary>
    private async Task ForgetIfNotStartedAsync(UnitFeed feed)
    {
        try
        {
            await feed.Started;
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Unit {Code} could not be watched for reads", feed.Code);
            lock (_gate)
            {
                if (_feeds.TryGetValue(feed.Code, out var kept) && kept == feed && feed.Count == 0)
                {
                    _feeds.Remove(feed.Code);
                }
            }
        }
    }

    /// <summary>Stops the feeds that no client watches and no read has held lately.</summary>
    private void Sweep()
    {
        var now = _time.GetUtcNow();
        List<UnitFeed> stopping;
        lock (_gate)
        {
            stopping = [.. _feeds.Values.Where(f => f.Count == 0 && !f.HeldForReads(now))];
            foreach (var feed in stopping)
            {
                _feeds.Remove(feed.Code);
            }
        }

        foreach (var feed in stopping)
        {
            _ = StopAsync(feed);
        }
    }

    private async Task StopAsync(UnitFeed feed)
    {
        try
        {
            await feed.StopAsync();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Stopping the live feed of unit {Code} failed", feed.Code);
        }
    }

    public void Dispose() => _sweep.Dispose();
}
