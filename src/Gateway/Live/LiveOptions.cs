namespace UnitGrains.Gateway.Live;

/// <summary>Live push to dashboards (configuration section <c>UnitGrains:Live</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "UnitGrains:Live";

    /// <summary>A comment line this often keeps proxies and load balancers from closing an idle stream.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>The reconnection delay suggested to clients (the <c>retry:</c> field).</summary>
    public int RetryMilliseconds { get; set; } = 3000;

    /// <summary>How often the gateway renews its watch of a unit; well within <c>UnitChange.WatchExpiry</c> (2 minutes).</summary>
    public int RenewSeconds { get; set; } = 30;

    /// <summary>How many activity events wait for a slow client before the oldest are dropped (scores are never queued: only the latest is kept).</summary>
    public int ActivityBacklog { get; set; } = 32;

    /// <summary>
    /// How long scores pushed by a unit answer <c>GET …/scores</c> without asking the unit (0: always
    /// ask). A unit that changes notifies at once, so this bounds only how long a silently lost
    /// watch could go unnoticed; after it one read asks the unit (the others meanwhile are answered
    /// with the kept scores), and the same version renews them.
    /// </summary>
    public int CachedReadMilliseconds { get; set; } = 1000;

    /// <summary>At most this many units are watched for reads alone (each notifies the gateway on every change).</summary>
    public int CachedReadUnits { get; set; } = 256;

    /// <summary>Live streams open at once in this gateway; one more is answered 429 with Retry-After.</summary>
    public int MaxStreams { get; set; } = 10_000;

    /// <summary>Live streams open at once from one client address (a dashboard opens one per page it shows).</summary>
    public int MaxStreamsPerClient { get; set; } = 16;
}
