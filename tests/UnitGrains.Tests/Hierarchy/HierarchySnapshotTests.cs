using UnitGrains.Domain;
using UnitGrains.Hierarchy;

namespace UnitGrains.Tests.Hierarchy;

public sealed class HierarchySnapshotTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");

    private static readonly Lazy<Dictionary<string, HierarchySnapshot>> Loaded = new(() =>
        HierarchyEdition.All.ToDictionary(e => e.Id, e => HierarchySnapshot.Load(e, Data)));

    private static HierarchySnapshot Load(HierarchyEdition edition) => Loaded.Value[edition.Id];

    /// <summary>Counts by level straight from the CSV text, not through the loader under test.</summary>
    private static int[] CsvLevels(HierarchyEdition edition) =>
        [.. File.ReadAllLines(Path.Combine(Data, "units", edition.FileName)).Skip(1).Where(l => l.Length > 0)
            .GroupBy(l => l.Split(',')[4]).OrderBy(g => g.Key).Select(g => g.Count())];

    [Theory]
    [InlineData("2level-2025-07", 34, 0, 3321)]
    [InlineData("3level-2025-03", 63, 696, 10035)]
    [InlineData("3level-2023", 63, 705, 10598)]
    public void Each_official_list_loads_with_the_counts_of_its_csv(string id, int provinces, int districts, int communes)
    {
        var edition = HierarchyEdition.Find(id);
        var snapshot = Load(edition);
        var counts = snapshot.Units.GroupBy(u => u.Kind).ToDictionary(g => g.Key, g => g.Count());

        int[] expected = districts == 0 ? [provinces, communes] : [provinces, districts, communes];
        Assert.Equal(expected, CsvLevels(edition));
        Assert.Equal(1, counts[UnitKind.Nation]);
        Assert.Equal(provinces, counts[UnitKind.Province]);
        Assert.Equal(districts, counts.GetValueOrDefault(UnitKind.District));
        Assert.Equal(communes, counts[UnitKind.Commune]);
        Assert.Equal(snapshot.Units.Count, snapshot.Units.Select(u => u.Code).Distinct().Count());
    }

    [Theory]
    [InlineData("3level-2023", "42")]
    [InlineData("2level-2025-07", "04")]
    [InlineData("3level-2025-03", "01")]
    public void A_subset_of_provinces_keeps_exactly_the_units_under_them(string id, string province)
    {
        var edition = HierarchyEdition.Find(id);
        var whole = Load(edition);

        var subset = HierarchySnapshot.Load(edition, Data, [province]);

        var expected = whole.Units.Where(u => u.Code == UnitCode.Nation || u.Code == province || u.Ancestors.Any(a => a.Code == province)).Select(u => u.Code);
        Assert.Equal(expected.Order(), subset.Units.Select(u => u.Code).Order());
        Assert.Equal([province], subset.Units.Single(u => u.Code == UnitCode.Nation).Children.Select(c => c.Code));
        Assert.NotEqual(whole.ContentHash, subset.ContentHash);
    }

    [Fact]
    public void A_subset_naming_a_unit_that_is_not_a_province_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => HierarchySnapshot.Load(HierarchyEdition.ThreeLevel2023, Data, ["42", "440", "99"]));

        Assert.Contains("'440'", error.Message);
        Assert.Contains("'99'", error.Message);
        Assert.DoesNotContain("'42'", error.Message);
    }

    [Fact]
    public void Parents_come_before_their_children_and_every_child_is_listed_by_its_parent()
    {
        foreach (var edition in HierarchyEdition.All)
        {
            var snapshot = Load(edition);
            var seen = new Dictionary<string, UnitProfile>();
            foreach (var unit in snapshot.Units)
            {
                if (unit.ParentCode is { } parent)
                {
                    Assert.True(seen.ContainsKey(parent), $"{unit.Code} comes before its parent {parent} in {edition.Id}");
                    Assert.Contains(seen[parent].Children, c => c.Code == unit.Code);
                    Assert.Equal([.. seen[parent].Ancestors.Select(a => a.Code), parent], unit.Ancestors.Select(a => a.Code));
                }

                seen[unit.Code] = unit;
            }
        }
    }

    [Fact]
    public void A_commune_of_the_2023_list_sits_under_its_district_and_province()
    {
        var sonNinh = Load(HierarchyEdition.ThreeLevel2023).Units.Single(u => u.Code == "18175");

        Assert.Equal("Xã Sơn Ninh", sonNinh.Name);
        Assert.Equal(["VN", "42", "439"], sonNinh.Ancestors.Select(a => a.Code));
        Assert.Equal("commune", sonNinh.OfficialKind);
    }

    [Fact]
    public void The_2023_list_has_the_departments_the_seed_plans_name()
    {
        var binhPhuoc = Load(HierarchyEdition.ThreeLevel2023).Units.Single(u => u.Code == "70");
        var departments = binhPhuoc.Children.Where(c => c.Kind == UnitKind.Department).ToDictionary(c => c.Code, c => c.Name);

        Assert.Equal("Sở Nội vụ tỉnh Bình Phước", departments["70-SNV"]);
        Assert.Equal("Sở Thông tin và Truyền thông tỉnh Bình Phước", departments["70-STTTT"]);
        Assert.Equal("Sở Tài chính tỉnh Bình Phước", departments["70-STC"]);
        Assert.Equal("Sở Kế hoạch và Đầu tư tỉnh Bình Phước", departments["70-SKHDT"]);
        Assert.Equal("Văn phòng Ủy ban nhân dân tỉnh Bình Phước", departments["70-VP"]);
        Assert.Equal("Ban Dân tộc tỉnh Bình Phước", departments["70-BDT"]);
        Assert.DoesNotContain("70-SDTTG", departments.Keys);
    }

    [Fact]
    public void Departments_follow_the_list_in_force()
    {
        var huongSon = Load(HierarchyEdition.ThreeLevel2023).Units.Single(u => u.Code == "439");
        var dongNai = Load(HierarchyEdition.TwoLevel2025).Units.Single(u => u.Code == "75");
        var twoLevel = Load(HierarchyEdition.TwoLevel2025).Units.ToDictionary(u => u.Code);

        Assert.Contains(huongSon.Children, c => c.Code == "439-PVHTT");
        Assert.Contains(dongNai.Children, c => c.Code == "75-SDTTG");
        Assert.DoesNotContain(dongNai.Children, c => c.Code is "75-STTTT" or "75-BDT" or "75-SKHDT");
        var ward = twoLevel.Values.First(u => u.OfficialKind == "ward");
        Assert.Contains(ward.Children, c => c.Code == $"{ward.Code}-PKTHTDT");
        Assert.DoesNotContain(ward.Children, c => c.Code == $"{ward.Code}-PKT");
        Assert.Contains(twoLevel["26278"].Children, c => c.Code == "26278-PKT");
        Assert.Empty(Load(HierarchyEdition.ThreeLevel2023).Units.Where(u => u.Kind == UnitKind.Commune).SelectMany(u => u.Children));
    }

    [Fact]
    public void Different_lists_have_different_content_hashes_and_the_same_list_the_same()
    {
        var hashes = HierarchyEdition.All.Select(e => Load(e).ContentHash).ToList();

        Assert.Equal(3, hashes.Distinct().Count());
        Assert.Equal(hashes[0], HierarchySnapshot.Load(HierarchyEdition.All[0], Data).ContentHash);
    }

    [Theory]
    [InlineData("code,name\n01,Hà Nội\n", "header")]
    [InlineData("code,name,kind,parent_code,level,type_vi,short_name,name_en,slug\n01,Hà Nội,municipality,,1,x,y\n", ":2: expected 9 fields")]
    [InlineData("code,name,kind,parent_code,level,type_vi,short_name,name_en,slug\n01,Hà Nội,city,,1,x,y,z,w\n", "unknown kind 'city'")]
    public void A_malformed_list_is_reported_with_where_it_breaks(string csv, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => UnitListCsv.Read(new StringReader(csv), "bad.csv"));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_list_with_a_duplicate_code_or_an_unknown_parent_is_refused()
    {
        var catalogue = DepartmentCatalogue.Load(Path.Combine(Data, "departments.json"));
        OfficialUnit Row(string code, string? parent, int level, string kind) => new(code, $"Unit {code}", kind, parent, level, code, code);

        var duplicate = Assert.Throws<InvalidDataException>(() => HierarchySnapshot.Build(HierarchyEdition.TwoLevel2025, [Row("01", null, 1, "province"), Row("01", null, 1, "province")], catalogue, "h"));
        var orphan = Assert.Throws<InvalidDataException>(() => HierarchySnapshot.Build(HierarchyEdition.TwoLevel2025, [Row("00004", "99", 2, "ward")], catalogue, "h"));

        Assert.Contains("'01' appears twice", duplicate.Message);
        Assert.Contains("parent '99'", orphan.Message);
    }

    [Fact]
    public void An_unknown_list_name_says_which_lists_exist()
    {
        var error = Assert.Throws<ArgumentException>(() => HierarchyEdition.Find("3level-1999"));

        Assert.Contains("2level-2025-07, 3level-2025-03, 3level-2023", error.Message);
    }
}
