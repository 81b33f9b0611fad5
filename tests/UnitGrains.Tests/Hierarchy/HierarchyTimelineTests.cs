using CsCheck;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;

namespace UnitGrains.Tests.Hierarchy;

/// <summary>Every official list as one set of dated units, and the lineage of the 2025 reform, over the real lists.</summary>
public sealed class HierarchyTimelineTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");

    private static readonly Lazy<HierarchyTimeline> Loaded = new(() => HierarchyTimeline.Load(Data));

    private static HierarchyTimeline Timeline => Loaded.Value;

    private static readonly Lazy<Dictionary<string, UnitProfile>> ByKey = new(() => Timeline.Units.ToDictionary(u => u.Code));

    private static UnitProfile Unit(string key) => ByKey.Value[key];

    [Fact]
    public void A_reused_code_names_two_units_that_never_collide()
    {
        var tenures = Timeline.Tenures["52"];
        Assert.Equal(["52@2025-06-30", "52"], tenures.Select(t => t.Key));
        Assert.Equal("Tỉnh Bình Định", Unit("52@2025-06-30").Name);
        Assert.Equal(new DateOnly(2025, 6, 30), Unit("52@2025-06-30").ValidUntil);
        Assert.Null(Unit("52@2025-06-30").ValidFrom);
        Assert.Equal("Tỉnh Gia Lai", Unit("52").Name);
        Assert.Equal(new DateOnly(2025, 7, 1), Unit("52").ValidFrom);
        Assert.Equal(Timeline.Units.Count, ByKey.Value.Count);
    }

    [Fact]
    public void A_unit_unchanged_between_lists_is_one_unit()
    {
        // Hà Nội: same code, name and parent in all three lists, and the map makes today's Hà Nội of the old one alone.
        var hanoi = Unit("01");
        Assert.Null(hanoi.ValidFrom);
        Assert.Null(hanoi.ValidUntil);
        Assert.DoesNotContain(Timeline.Units, u => u.Code.StartsWith("01@", StringComparison.Ordinal));

        // Its children are those of every list, each with its dates: districts until the reform, then communes.
        Assert.Contains(hanoi.Children, c => c.Kind == UnitKind.District && c.ValidUntil == new DateOnly(2025, 6, 30));
        Assert.Contains(hanoi.Children, c => c.Kind == UnitKind.Commune && c.ValidFrom == new DateOnly(2025, 7, 1));
        Assert.Equal(UnitKind.Commune, hanoi.Children[0].Kind);

        // Bình Phước is in both 3-level lists unchanged: one unit, from before the oldest list to the reform.
        Assert.Single(Timeline.Tenures["70"]);
        Assert.Equal("70@2025-06-30", Timeline.Tenures["70"][0].Key);
    }

    [Fact]
    public void A_merged_province_is_a_new_unit_even_under_an_old_name_and_code()
    {
        var dongNai = Unit("75");
        Assert.Equal("Tỉnh Đồng Nai", dongNai.Name);
        Assert.Equal(new DateOnly(2025, 7, 1), dongNai.ValidFrom);
        Assert.Equal(["70@2025-06-30", "75@2025-06-30"], dongNai.Predecessors!.Select(p => p.Code).Order());
        Assert.All(dongNai.Predecessors!, p => Assert.True(p.Counted && p.How == LinkKind.Full && p.On == new DateOnly(2025, 7, 1)));
        Assert.Equal(["52@2025-06-30", "64@2025-06-30"], Unit("52").Predecessors!.Select(p => p.Code).Order());

        // A ranking asks a child for more than its summary only for the years carried work can be of.
        Assert.True(Unit("VN").ChildCarries("75", 2022));
        Assert.True(Unit("VN").ChildCarries("75", 2025));
        Assert.False(Unit("VN").ChildCarries("75", 2026));
        Assert.False(Unit("VN").ChildCarries("01", 2022)); // Hà Nội is one unit throughout: its past is its own subtree
        Assert.True(Unit("42").ChildCarries("18133", 2022));
    }

    [Fact]
    public void Lineage_of_the_seed_plans_units()
    {
        var sonNinh = Unit("18175@2025-06-30");
        Assert.Equal("Xã Sơn Ninh", sonNinh.Name);
        var next = Assert.Single(sonNinh.Successors!);
        Assert.Equal(("18133", "Xã Hương Sơn", LinkKind.Full, true), (next.Code, next.Name, next.How, next.Counted));
        Assert.Contains(Unit("18133").Predecessors!, p => p.Code == "18175@2025-06-30" && p.Counted);
        Assert.Equal(["VN", "42", "18133"], sonNinh.CarriedInto!.Select(u => u.Code));

        // Ban Dân tộc of Bình Phước: no department of that name in today's Đồng Nai, so its work is carried by the province.
        var ethnic = Unit("70-BDT@2025-02-28");
        Assert.Equal("75", ethnic.CarriedInto![^1].Code);
        Assert.Equal(LinkKind.Absorbed, Assert.Single(ethnic.Successors!).How);

        // Sở Nội vụ of Bình Phước went into Sở Nội vụ of today's Đồng Nai.
        Assert.Contains(Unit("75-SNV").Predecessors!, p => p.Code == "70-SNV@2025-06-30" && p.Counted);
    }

    [Fact]
    public void A_partial_merge_is_shown_on_every_side_and_counted_on_one()
    {
        var split = Timeline.Units.Where(u => u.Successors is { Count: > 1 } s && s.All(l => l.How == LinkKind.Partial)).ToList();
        Assert.NotEmpty(split);
        foreach (var unit in split)
        {
            Assert.Single(unit.Successors!, l => l.Counted);
            foreach (var link in unit.Successors!)
            {
                Assert.Contains(Unit(link.Code).Predecessors!, p => p.Code == unit.Code && p.How == LinkKind.Partial && p.Counted == link.Counted);
            }
        }
    }

    [Fact]
    public void Every_unit_that_ended_is_carried_by_exactly_one_unit_of_today()
    {
        foreach (var unit in Timeline.Units.Where(u => u.ValidUntil is not null))
        {
            Assert.True(unit.CarriedInto is { Count: > 0 }, $"{unit.Code} is carried by no unit of today");
            var heir = Unit(unit.CarriedInto![^1].Code);
            Assert.Null(heir.ValidUntil);
            Assert.Single(unit.Successors!, l => l.Counted && l.Code == heir.Code);
        }

        Assert.DoesNotContain(Timeline.UnmatchedRows, r => r.NewLevel == 1);
    }

    [Theory]
    [InlineData("new_code,new_name,new_level,old_code,old_name,merge_type\n01,Hà Nội,1,01,Hà Nội,merged\n", ":2: expected a level and 'full' or 'partial'")]
    [InlineData("new_code,new_name,new_level,old_code,old_name,merge_type\n01,Hà Nội,1,01\n", ":2: expected 6 fields")]
    [InlineData("new_code,old_code\n", "the header must be")]
    public void A_malformed_merge_map_is_reported_with_its_place(string csv, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => MergeMapCsv.Read(new StringReader(csv), "map.csv"));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Codes_on_a_date_resolve_to_the_unit_that_held_them()
    {
        var today = new DateOnly(2026, 12, 7);
        Assert.Equal("52@2025-06-30", CodeResolution.Resolve("52", Timeline.Tenures["52"], new DateOnly(2022, 6, 1), today).GetValue());
        Assert.Equal("52", CodeResolution.Resolve("52", Timeline.Tenures["52"], null, today).GetValue());
        Assert.Equal("52", CodeResolution.Resolve("52", Timeline.Tenures["52"], new DateOnly(2025, 7, 1), today).GetValue());
        Assert.Equal("70@2025-06-30", CodeResolution.Resolve("70", Timeline.Tenures["70"], null, today).GetValue());
        var none = CodeResolution.Resolve("70", Timeline.Tenures["70"], new DateOnly(2025, 7, 1), today);
        Assert.Equal("unit_not_in_force", Assert.Single(none.Errors).Code);
        Assert.Contains("Tỉnh Bình Phước", none.Errors[0].Message);
    }

    /// <summary>
    /// The invariant of viewing the past through today's units: with random work spread over units of
    /// every era, a unit of today counts exactly the work of the units whose heir lies in its subtree
    /// (itself included), and the nation's total is the same through either hierarchy.
    /// </summary>
    [Fact]
    public void Through_todays_units_nothing_is_counted_twice_or_dropped()
    {
        var units = Timeline.Units;
        var today = units.Where(u => u.ValidUntil is null).ToList();
        var provinces = today.Where(u => u.Kind == UnitKind.Province).Select(u => u.Code).ToList();
        Gen.Int[0, units.Count - 1].Array[1, 400].Select(Gen.Int[1, 9].Array[400])
            .Sample(
                (picked, amounts) =>
                {
                    var own = new Dictionary<string, long>();
                    for (var i = 0; i < picked.Length; i++)
                    {
                        own[units[picked[i]].Code] = own.GetValueOrDefault(units[picked[i]].Code) + amounts[i];
                    }

                    var native = NativeSubtrees(own);
                    long Composed(UnitProfile u) => native.GetValueOrDefault(u.Code) + u.CarriedCodes.Sum(c => native.GetValueOrDefault(c));

                    var total = own.Values.Sum();
                    Assert.Equal(total, native.GetValueOrDefault(UnitCode.Nation));
                    Assert.Equal(total, provinces.Sum(p => Composed(Unit(p))) + own.GetValueOrDefault(UnitCode.Nation));
                    var expected = new Dictionary<string, long>();
                    foreach (var (key, amount) in own)
                    {
                        var heir = Unit(Heir(key));
                        foreach (var code in heir.Ancestors.Select(a => a.Code).Append(heir.Code))
                        {
                            expected[code] = expected.GetValueOrDefault(code) + amount;
                        }
                    }

                    foreach (var unit in today)
                    {
                        Assert.True(expected.GetValueOrDefault(unit.Code) == Composed(unit), $"{unit.Code}: expected {expected.GetValueOrDefault(unit.Code)}, composed {Composed(unit)}");
                    }
                },
                iter: 25);
    }

    /// <summary>The unit of today a unit's work ends up in: itself if in force, else its heir.</summary>
    private static string Heir(string key) => Unit(key).CarriedInto is { Count: > 0 } into ? into[^1].Code : key;

    private static Dictionary<string, long> NativeSubtrees(Dictionary<string, long> own)
    {
        var sums = new Dictionary<string, long>();
        foreach (var (key, amount) in own)
        {
            sums[key] = sums.GetValueOrDefault(key) + amount;
            foreach (var ancestor in Unit(key).Ancestors)
            {
                sums[ancestor.Code] = sums.GetValueOrDefault(ancestor.Code) + amount;
            }
        }

        return sums;
    }
}
