using UnitGrains.Hosting;

namespace UnitGrains.Tests.Hosting;

/// <summary>When a silo stops itself: cut off from the database and every other silo for the whole bound, never otherwise.</summary>
public sealed class IsolationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private static IsolationVerdict Run(params (double At, bool Database, bool Peer, bool HasPeers)[] checks)
    {
        var isolation = new Isolation(TimeSpan.FromSeconds(6));
        var verdict = IsolationVerdict.Serve;
        foreach (var (at, database, peer, hasPeers) in checks)
        {
            (isolation, verdict) = isolation.Observe(T0.AddSeconds(at), database, peer, hasPeers);
        }

        return verdict;
    }

    [Fact]
    public void A_silo_cut_off_from_database_and_peers_for_the_bound_stops() =>
        Assert.Equal(IsolationVerdict.Stop, Run((0, false, false, true), (3, false, false, true), (6, false, false, true)));

    [Fact]
    public void A_silo_cut_off_for_less_than_the_bound_waits() =>
        Assert.Equal(IsolationVerdict.Wait, Run((0, false, false, true), (5.9, false, false, true)));

    [Fact]
    public void Reaching_either_starts_the_count_again() =>
        Assert.Equal(IsolationVerdict.Wait, Run((0, false, false, true), (4, false, true, true), (5, false, false, true), (10, false, false, true)));

    [Fact]
    public void A_database_down_for_everybody_is_not_isolation() =>
        Assert.Equal(IsolationVerdict.Serve, Run((0, false, true, true), (30, false, true, true)));

    [Fact]
    public void A_lone_silo_is_the_whole_cluster_and_never_stops() =>
        Assert.Equal(IsolationVerdict.Serve, Run((0, false, false, false), (60, false, false, false)));
}
