using UnitGrains.Hierarchy;

namespace UnitGrains.Tests.Cluster;

/// <summary>A cluster holding the whole July 2025 hierarchy, seeded once for the collection.</summary>
public sealed class NationalClusterFixture : ClusterFixture
{
    public HierarchySnapshot Snapshot { get; } = HierarchySnapshot.Load(HierarchyEdition.TwoLevel2025, DataDirectory);

    public SeedReport FirstSeed { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        FirstSeed = await Seeder.SeedAsync(Snapshot);
    }
}

[CollectionDefinition(Name)]
public sealed class NationalClusterCollection : ICollectionFixture<NationalClusterFixture>
{
    public const string Name = "national cluster";
}
