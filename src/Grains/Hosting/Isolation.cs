namespace UnitGrains.Hosting;

/// <summary>What a silo does after a reachability check (<see cref="Isolation.Observe"/>).</summary>
public enum IsolationVerdict
{
    /// <summary>It reaches the database or another silo, or it is the whole cluster: serve on.</summary>
    Serve,

    /// <summary>It has reached neither for a while, but not yet for long enough.</summary>
    Wait,

    /// <summary>Cut off from the database and from every other silo for the whole bound: the rest of the cluster has declared it dead or is about to, and reactivates its units elsewhere. Stop.</summary>
    Stop,
}

/// <summary>
/// When a silo must stop itself: reaching neither PostgreSQL (membership, state) nor any other silo
/// for <see cref="StopAfter"/> means it is on the minority side of a partition. Its units are being
/// reactivated on the other side, which accepts writes; if it served on, a client or silo that still
/// reached it could read state those writes made stale. A database down for everybody is not
/// isolation — the silos still reach each other — and a lone silo is the whole cluster, so neither
/// stops anything. Pure: the silo's <see cref="IsolationGuard"/> feeds it checks.
/// </summary>
public sealed record Isolation(TimeSpan StopAfter, DateTimeOffset? CutOffSince = null)
{
    public (Isolation Next, IsolationVerdict Verdict) Observe(DateTimeOffset now, bool reachedDatabase, bool reachedPeer, bool hasPeers)
    {
        if (reachedDatabase || reachedPeer || !hasPeers)
        {
            return (this with { CutOffSince = null }, IsolationVerdict.Serve);
        }

        var since = CutOffSince ?? now;
        return (this with { CutOffSince = since }, now - since >= StopAfter ? IsolationVerdict.Stop : IsolationVerdict.Wait);
    }
}
