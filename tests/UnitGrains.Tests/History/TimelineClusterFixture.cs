using UnitGrains.Contracts;
using UnitGrains.Hierarchy;
using UnitGrains.Plans;
using UnitGrains.Tests.Cluster;

namespace UnitGrains.Tests.History;

/// <summary>
/// A cluster holding every official list for the provinces of the seed plans — Đồng Nai (75, with
/// Bình Phước 70 and the old Đồng Nai), Gia Lai (52, with Bình Định and the old Gia Lai 64) and Hà
/// Tĩnh (42) — with the five seed plans imported as the default run imports them. Campaign time is
/// 2 March 2026.
/// </summary>
public sealed class TimelineClusterFixture : ClusterFixture
{
    public static readonly string[] Provinces = ["75", "52", "42"];

    public HierarchyTimeline Timeline { get; } = HierarchyTimeline.Load(DataDirectory, Provinces);

    public IReadOnlyDictionary<string, string> ImportedInto { get; private set; } = new Dictionary<string, string>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Seeder.SeedAsync(Timeline);
        var importer = new PlanImporter(Grains, Time);
        var imported = new Dictionary<string, string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(DataDirectory, "plans"), "*.json").Order())
        {
            var file = PlanImporter.Parse(await File.ReadAllTextAsync(path)).GetValue();
            var view = await importer.ImportAsync(file);
            imported[Path.GetFileName(path)[..3]] = view.IsSuccess ? view.GetValue().UnitCode : throw new InvalidOperationException($"{path}: {string.Join("; ", view.Errors.Select(e => e.Message))}");
        }

        ImportedInto = imported;
        await Grains.GetUnit(UnitGrains.Domain.UnitCode.Nation).RefreshAsync(subtree: true);
    }
}

[CollectionDefinition(Name)]
public sealed class TimelineClusterCollection : ICollectionFixture<TimelineClusterFixture>
{
    public const string Name = "timeline cluster";
}
