using System.Security.Cryptography;
using System.Text;
using UnitGrains.Domain;

namespace UnitGrains.Hierarchy;

/// <summary>
/// Every official list the system holds, as one set of units with dates (docs/architecture.md,
/// "Units in time"). A unit of one list is the same unit in the next when its code and kind are
/// unchanged and its parent is the same unit; across the 2025 reform its name must be unchanged too
/// and the merge map must name it as the whole and only predecessor of the unit holding its code (tỉnh Hà Nội is one unit from
/// the oldest list to today; tỉnh Đồng Nai of today, made of Bình Phước and the old Đồng Nai, is not
/// the old Đồng Nai). Otherwise it is a unit of its own, keyed by code and last day.
/// The merge map gives the lineage, and decides where the work of each unit that ended is counted
/// when a past year is viewed through today's units (<see cref="Succession"/>).
/// </summary>
public sealed class HierarchyTimeline
{
    /// <summary>The name a cluster holding every list records (in place of one list's id).</summary>
    public const string Id = "all";

    /// <summary>The lists, oldest first: each is in force from its date until the next one's.</summary>
    public static readonly IReadOnlyList<HierarchyEdition> Editions = [HierarchyEdition.ThreeLevel2023, HierarchyEdition.ThreeLevel2025, HierarchyEdition.TwoLevel2025];

    private HierarchyTimeline(IReadOnlyList<UnitProfile> units, IReadOnlyDictionary<string, IReadOnlyList<CodeTenure>> tenures, string contentHash, IReadOnlyList<MergeRow> unmatched)
    {
        Units = units;
        Tenures = tenures;
        ContentHash = contentHash;
        UnmatchedRows = unmatched;
    }

    /// <summary>Every unit of every list, parents before their children.</summary>
    public IReadOnlyList<UnitProfile> Units { get; }

    /// <summary>Which units held each official code, and when.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CodeTenure>> Tenures { get; }

    public string ContentHash { get; }

    /// <summary>Rows of the merge map naming a unit no list holds (the map is a third party's, data/README.md): reported, not guessed at.</summary>
    public IReadOnlyList<MergeRow> UnmatchedRows { get; }

    public static HierarchyTimeline Load(string dataDirectory, IReadOnlyCollection<string>? provinces = null)
    {
        var cataloguePath = Path.Combine(dataDirectory, "departments.json");
        var mapPath = Path.Combine(dataDirectory, "units", MergeMapCsv.FileName);
        var listPaths = Editions.Select(e => Path.Combine(dataDirectory, "units", e.FileName)).ToList();
        var only = provinces is { Count: > 0 } ? string.Join(",", provinces.Order(StringComparer.Ordinal)) : "";
        var hash = Convert.ToHexStringLower(SHA256.HashData([
            .. listPaths.SelectMany(File.ReadAllBytes), .. File.ReadAllBytes(mapPath), .. File.ReadAllBytes(cataloguePath), .. Encoding.UTF8.GetBytes(Id + only)]));
        var catalogue = DepartmentCatalogue.Load(cataloguePath);
        var map = MergeMapCsv.Read(mapPath);
        var lists = listPaths.Select(UnitListCsv.Read).ToList();
        if (provinces is { Count: > 0 })
        {
            var kept = WithLineage(provinces, map);
            lists = [.. lists.Select((rows, i) => HierarchySnapshot.Within(rows, [.. rows.Where(r => r.ParentCode is null && kept.Contains(r.Code)).Select(r => r.Code)], Editions[i]))];
        }

        return Build([.. lists.Select((rows, i) => HierarchySnapshot.Build(Editions[i], rows, catalogue, hash))], map, hash);
    }

    /// <summary>The named provinces with the provinces they came from and went into, so a pilot of one province still has its history.</summary>
    private static HashSet<string> WithLineage(IReadOnlyCollection<string> provinces, IReadOnlyList<MergeRow> map)
    {
        var kept = provinces.ToHashSet(StringComparer.Ordinal);
        var provinceRows = map.Where(r => r.NewLevel == 1).ToList();
        kept.UnionWith(provinceRows.Where(r => kept.Contains(r.OldCode)).Select(r => r.NewCode).ToList());
        kept.UnionWith(provinceRows.Where(r => kept.Contains(r.NewCode)).Select(r => r.OldCode).ToList());
        return kept;
    }

    /// <summary>Builds the units of every list (<paramref name="snapshots"/>, oldest first; the last is today's) and their lineage.</summary>
    public static HierarchyTimeline Build(IReadOnlyList<HierarchySnapshot> snapshots, IReadOnlyList<MergeRow> map, string contentHash)
    {
        var identities = Identities.Assign(snapshots, map);
        var lineage = Succession.Derive(identities, snapshots, map);
        var units = identities.All
            .OrderBy(i => i.Depth)
            .Select(i => i.ToProfile(lineage))
            .ToList();
        var tenures = identities.All
            .GroupBy(i => i.Code, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<CodeTenure>)[.. g.OrderBy(i => i.ValidFrom ?? DateOnly.MinValue).Select(i => new CodeTenure(i.Code, i.Key, i.Latest.Name, i.Latest.Kind, i.ValidFrom, i.ValidUntil))],
                StringComparer.Ordinal);
        return new HierarchyTimeline(units, tenures, contentHash, lineage.Unmatched);
    }
}
