using UnitGrains.Hierarchy;
using UnitGrains.Placement;

namespace UnitGrains.Tests.Placement;

/// <summary>
/// Rendezvous hashing of unit keys over silos, on every key of the real lists: a third each, and
/// only the units of a silo that leaves (or those a silo that joins now owns) change owner.
/// </summary>
public sealed class UnitOwnersTests
{
    private static readonly Lazy<string[]> Keys = new(() =>
        [.. HierarchyEdition.All.SelectMany(e => HierarchySnapshot.Load(e, Path.Combine(AppContext.BaseDirectory, "data")).Units.Select(u => u.Code)).Distinct()]);

    /// <summary>scripts/cluster.sh's silos, and silos on an address each (the network-namespace tests').</summary>
    public static TheoryData<string[]> Clusters => new()
    {
        { ["127.0.0.1:11111", "127.0.0.1:11112", "127.0.0.1:11113"] },
        { ["10.231.0.10:11111", "10.231.0.11:11111", "10.231.0.12:11111"] },
    };

    private static Dictionary<string, string> Owners(IReadOnlyList<string> silos) => Keys.Value.ToDictionary(k => k, k => UnitOwners.Owner(k, silos, s => s));

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Each_of_three_silos_owns_a_third_of_the_units_within_ten_percent(string[] silos)
    {
        var counts = Owners(silos).GroupBy(o => o.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(silos.Order(), counts.Keys.Order());
        var third = Keys.Value.Length / 3.0;
        Assert.All(counts, c => Assert.InRange(c.Value, third * 0.9, third * 1.1));
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void A_silo_that_leaves_moves_only_its_own_units(string[] silos)
    {
        var before = Owners(silos);
        foreach (var leaving in silos)
        {
            var after = Owners([.. silos.Where(s => s != leaving)]);
            var moved = before.Where(o => after[o.Key] != o.Value).ToList();
            Assert.All(moved, m => Assert.Equal(leaving, m.Value));
            Assert.Equal(before.Count(o => o.Value == leaving), moved.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void A_silo_that_joins_takes_about_a_quarter_and_nothing_else_moves(string[] silos)
    {
        var before = Owners(silos);
        var joined = silos[0].Replace("11111", "11114").Replace(".10:", ".13:");
        var after = Owners([.. silos, joined]);
        var moved = before.Where(o => after[o.Key] != o.Value).ToList();
        Assert.All(moved, m => Assert.Equal(joined, after[m.Key]));
        Assert.InRange(moved.Count, Keys.Value.Length / 4.0 * 0.9, Keys.Value.Length / 4.0 * 1.1);
    }

    [Fact]
    public void The_owner_does_not_depend_on_the_order_silos_are_listed_in()
    {
        string[] silos = ["127.0.0.1:11111", "127.0.0.1:11112", "127.0.0.1:11113"];
        Assert.All(Keys.Value.Take(2_000), k => Assert.Equal(UnitOwners.Owner(k, silos, s => s), UnitOwners.Owner(k, [.. silos.Reverse()], s => s)));
    }
}
