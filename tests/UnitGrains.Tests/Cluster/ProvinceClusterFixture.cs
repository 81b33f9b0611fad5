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

    /// <summary>
    /// Convergence after faults comes first from pulls on activation and re-announcing, and is
    /// bounded by the periodic reconcile; a short one keeps that bound inside the tests' patience
    /// (the province is small, so the extra pulls cost nothing).
    /// </summary>
    protected override void ConfigureRollup(RollupOptions options) => options.ReconcileSeconds = 8;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Seeder.SeedAsync(Snapshot);
    }

    public static HierarchySnapshot LoadProvince(string province) =>
        HierarchySnapshot.Load(HierarchyEdition.ThreeLevel2023, DataDirectory, [province]);
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
