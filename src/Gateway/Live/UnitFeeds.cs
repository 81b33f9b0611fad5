using Microsoft.Extensions.Options;

namespace UnitGrains.Gateway.Live;

/// <summary>
/// The registry of this process's live feeds: at most one upstream subscription per watched unit,
/// created by its first client and dropped when its last client leaves.
/// </summary>
public sealed class UnitFeeds(IGrainFactory grains, IOptions<LiveOptions> options, ILogger<UnitFeeds> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UnitFeed> _feeds = new(StringComparer.Ordinal);

    private LiveOptions Options => options.Value;

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
                _feeds[code] = feed = new UnitFeed(code, grains, TimeSpan.FromSeconds(Math.Max(1, Options.RenewSeconds)), logger);
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
                if (feed.Count == 0)
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

    private async Task StopAsync(UnitFeed feed)
    {
        try
        {
            await feed.StopAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Stopping the live feed of unit {Code} failed", feed.Code);
        }
    }
}
