using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Hierarchy;

namespace UnitGrains.Tests.Cluster;

[Collection(NationalClusterCollection.Name)]
public sealed class NationalSeedingTests(NationalClusterFixture fixture)
{
    /// <summary>Counts read straight from the CSV, independently of the loader under test.</summary>
    private static (int Provinces, int Communes) CsvCounts()
    {
        var lines = File.ReadAllLines(Path.Combine(ClusterFixture.DataDirectory, "units", HierarchyEdition.TwoLevel2025.FileName)).Skip(1).Where(l => l.Length > 0).ToList();
        return (lines.Count(l => l.Split(',')[4] == "1"), lines.Count(l => l.Split(',')[4] == "2"));
    }

    [Fact]
    public async Task Seeding_the_July_2025_list_puts_every_province_and_commune_in_the_grains()
    {
        var (provinces, communes) = CsvCounts();
        Assert.Equal((34, 3321), (provinces, communes));

        var nation = await fixture.Grains.GetGrain<IUnitGrain>(UnitCode.Nation).GetProfileAsync();
        Assert.NotNull(nation);
        var provinceRefs = nation.Children.Where(c => c.Kind == UnitKind.Province).ToList();
        Assert.Equal(provinces, provinceRefs.Count);

        var profiles = await Task.WhenAll(provinceRefs.Select(p => fixture.Grains.GetGrain<IUnitGrain>(p.Code).GetProfileAsync()));
        var communeRefs = profiles.SelectMany(p => p!.Children.Where(c => c.Kind == UnitKind.Commune)).ToList();
        Assert.Equal(communes, communeRefs.Count);
        Assert.Equal(communes, communeRefs.Select(c => c.Code).Distinct().Count());
        Assert.All(profiles, p => Assert.Equal([UnitCode.Nation], p!.Ancestors.Select(a => a.Code)));
    }

    [Fact]
    public async Task A_commune_knows_its_parent_chain_and_its_divisions()
    {
        var binhMinh = await fixture.Grains.GetGrain<IUnitGrain>("26278").GetProfileAsync();

        Assert.NotNull(binhMinh);
        Assert.Equal("Xã Bình Minh", binhMinh.Name);
        Assert.Equal("75", binhMinh.ParentCode);
        Assert.Equal(["VN", "75"], binhMinh.Ancestors.Select(a => a.Code));
        Assert.Equal(["26278-VP", "26278-PKT", "26278-PVHXH"], binhMinh.Children.Select(c => c.Code));
        var division = await fixture.Grains.GetGrain<IUnitGrain>("26278-PVHXH").GetProfileAsync();
        Assert.Equal("Phòng Văn hóa – Xã hội xã Bình Minh", division!.Name);
        Assert.Equal(["VN", "75", "26278"], division.Ancestors.Select(a => a.Code));
    }

    [Fact]
    public async Task Every_province_has_the_departments_of_the_catalogue_in_force_in_July_2025()
    {
        var dongNai = await fixture.Grains.GetGrain<IUnitGrain>("75").GetProfileAsync();
        var departments = dongNai!.Children.Where(c => c.Kind == UnitKind.Department).Select(c => c.Code).ToList();

        Assert.Contains("75-SNV", departments);
        Assert.Contains("75-STC", departments);
        Assert.Contains("75-VP", departments);
        Assert.Contains("75-SDTTG", departments);
        Assert.DoesNotContain("75-STTTT", departments); // merged into Sở KH&CN on 1 March 2025
        Assert.Equal(fixture.Snapshot.Units.Count(u => u.Kind == UnitKind.Department && u.ParentCode == "75"), departments.Count);
    }

    [Fact]
    public async Task Seeding_the_same_list_again_changes_nothing()
    {
        Assert.Equal(fixture.Snapshot.Units.Count, fixture.FirstSeed.Created);

        var again = await fixture.Seeder.SeedAsync(fixture.Snapshot);
        Assert.True(again.AlreadySeeded);

        var forced = await fixture.Seeder.SeedAsync(fixture.Snapshot, force: true);
        Assert.False(forced.AlreadySeeded);
        Assert.Equal((0, 0, fixture.Snapshot.Units.Count), (forced.Created, forced.Updated, forced.Unchanged));
    }

    [Fact]
    public async Task Seeding_a_different_list_into_the_cluster_is_refused()
    {
        var other = ProvinceClusterFixture.LoadProvince("42");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Seeder.SeedAsync(other));

        Assert.Contains("2level-2025-07", error.Message);
        Assert.Contains("3level-2023", error.Message);
        Assert.Equal("Xã Bình Minh", (await fixture.Grains.GetGrain<IUnitGrain>("26278").GetProfileAsync())!.Name);
    }

    [Fact]
    public async Task The_cluster_records_which_list_it_holds()
    {
        var info = await fixture.Grains.GetGrain<IHierarchyGrain>(IHierarchyGrain.Key).GetAsync();

        Assert.NotNull(info);
        Assert.Equal("2level-2025-07", info.Edition);
        Assert.Equal(fixture.Snapshot.ContentHash, info.ContentHash);
        Assert.Equal(3321, info.CountsByKind["Commune"]);
    }
}
