using UnitGrains.Hierarchy;

namespace UnitGrains.Tests.Cluster;

/// <summary>
/// A cluster holding one small real province of the 3-level 2023 list — Hà Tĩnh (42) with its
/// districts, communes and departments — the province of seed plan 003 (xã Sơn Ninh, huyện Hương Sơn).
/// </summary>
public sealed class ProvinceClusterFixture : ClusterFixture
{
    public const string Province = "42";

    public HierarchySnapshot Snapshot { get; } = LoadProvince(Province);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Seeder.SeedAsync(Snapshot);
    }

    public static HierarchySnapshot LoadProvince(string province)
    {
        var edition = HierarchyEdition.ThreeLevel2023;
        var rows = UnitListCsv.Read(Path.Combine(DataDirectory, "units", edition.FileName));
        var districts = rows.Where(r => r.ParentCode == province).Select(r => r.Code).ToHashSet();
        var kept = rows.Where(r => r.Code == province || r.ParentCode == province || districts.Contains(r.ParentCode ?? "")).ToList();
        return HierarchySnapshot.Build(edition, kept, DepartmentCatalogue.Load(Path.Combine(DataDirectory, "departments.json")), $"test-province-{province}");
    }
}

[CollectionDefinition(Name)]
public sealed class ProvinceClusterCollection : ICollectionFixture<ProvinceClusterFixture>
{
    public const string Name = "province cluster";
}

/// <summary>A second province cluster of its own, for tests that move campaign time forward.</summary>
[CollectionDefinition(Name)]
public sealed class LiveScoresCollection : ICollectionFixture<ProvinceClusterFixture>
{
    public const string Name = "live scores cluster";
}
