using System.Security.Cryptography;
using System.Text;
using UnitGrains.Domain;

namespace UnitGrains.Hierarchy;

/// <summary>
/// A whole hierarchy built from one official list plus the department catalogue: every unit's
/// profile, parents before children, and a hash of the inputs so a cluster can tell whether it
/// already holds exactly this hierarchy.
/// </summary>
public sealed class HierarchySnapshot
{
    public const string NationName = "Việt Nam";

    private HierarchySnapshot(HierarchyEdition edition, IReadOnlyList<UnitProfile> units, string contentHash)
    {
        Edition = edition;
        Units = units;
        ContentHash = contentHash;
    }

    public HierarchyEdition Edition { get; }

    /// <summary>Every unit, parents before their children.</summary>
    public IReadOnlyList<UnitProfile> Units { get; }

    public string ContentHash { get; }

    /// <summary>
    /// Loads an edition from a data folder holding <c>units/</c> and <c>departments.json</c>;
    /// with <paramref name="provinces"/>, only those provinces and everything under them (a pilot,
    /// a test cluster) — the nation then has just those children.
    /// </summary>
    public static HierarchySnapshot Load(HierarchyEdition edition, string dataDirectory, IReadOnlyCollection<string>? provinces = null)
    {
        var listPath = Path.Combine(dataDirectory, "units", edition.FileName);
        var cataloguePath = Path.Combine(dataDirectory, "departments.json");
        var only = provinces is { Count: > 0 } ? string.Join(",", provinces.Order(StringComparer.Ordinal)) : "";
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. File.ReadAllBytes(listPath), .. File.ReadAllBytes(cataloguePath), .. Encoding.UTF8.GetBytes(edition.Id + only)]));
        var rows = UnitListCsv.Read(listPath);
        return Build(edition, provinces is { Count: > 0 } ? Within(rows, provinces, edition) : rows, DepartmentCatalogue.Load(cataloguePath), hash);
    }

    /// <summary>The rows of the given provinces and of every unit below them.</summary>
    public static IReadOnlyList<OfficialUnit> Within(IReadOnlyList<OfficialUnit> rows, IReadOnlyCollection<string> provinces, HierarchyEdition edition)
    {
        var parents = rows.ToDictionary(r => r.Code, r => r.ParentCode);
        var unknown = provinces.Where(p => !parents.TryGetValue(p, out var parent) || parent is not null).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"{edition.FileName} has no province {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
        }

        var kept = provinces.ToHashSet(StringComparer.Ordinal);
        return [.. rows.Where(r => kept.Contains(ProvinceOf(r.Code)))];

        string ProvinceOf(string code)
        {
            while (parents.GetValueOrDefault(code) is { } parent)
            {
                code = parent;
            }

            return code;
        }
    }

    public static HierarchySnapshot Build(HierarchyEdition edition, IReadOnlyList<OfficialUnit> rows, DepartmentCatalogue catalogue, string contentHash)
    {
        var byCode = new Dictionary<string, OfficialUnit>(rows.Count);
        foreach (var row in rows)
        {
            if (!UnitCode.IsWellFormed(row.Code) || row.Code == UnitCode.Nation)
            {
                throw new InvalidDataException($"{edition.FileName}: '{row.Code}' is not an official unit code.");
            }

            if (!byCode.TryAdd(row.Code, row))
            {
                throw new InvalidDataException($"{edition.FileName}: the code '{row.Code}' appears twice.");
            }
        }

        var nation = new UnitRef(UnitCode.Nation, NationName, UnitKind.Nation);
        var children = new Dictionary<string, List<UnitRef>>(rows.Count) { [UnitCode.Nation] = [] };
        var departments = new List<(OfficialUnit Parent, DepartmentTemplate Template)>();
        foreach (var row in rows)
        {
            var parent = row.ParentCode ?? UnitCode.Nation;
            if (parent != UnitCode.Nation && !byCode.ContainsKey(parent))
            {
                throw new InvalidDataException($"{edition.FileName}: unit '{row.Code}' names a parent '{parent}' that is not in the list.");
            }

            var kind = OfficialUnit.KindOf(row.OfficialKind)!.Value;
            AddChild(children, parent, new UnitRef(row.Code, row.Name, kind));
            departments.AddRange(catalogue.For(kind, row.OfficialKind, edition.EffectiveFrom).Select(t => (row, t)));
        }

        // Departments come after the official children of their unit, in catalogue order.
        foreach (var (parent, template) in departments)
        {
            AddChild(children, parent.Code, new UnitRef(UnitCode.ForDepartment(parent.Code, template.Abbreviation), DepartmentName(template, parent), UnitKind.Department));
        }

        var units = new List<UnitProfile>(rows.Count + departments.Count + 1);
        var ancestorsOf = new Dictionary<string, IReadOnlyList<UnitRef>>(rows.Count + 1) { [UnitCode.Nation] = [] };
        units.Add(Profile(nation, "nation", null, [], children[UnitCode.Nation], NationName, "Vietnam", edition));

        // Rows are listed parents first in every official list; walk them in level order to be sure.
        foreach (var row in rows.OrderBy(r => r.Level))
        {
            var parentCode = row.ParentCode ?? UnitCode.Nation;
            var parentRef = parentCode == UnitCode.Nation ? nation : RefOf(byCode[parentCode]);
            IReadOnlyList<UnitRef> ancestors = [.. ancestorsOf[parentCode], parentRef];
            ancestorsOf[row.Code] = ancestors;
            units.Add(Profile(RefOf(row), row.OfficialKind, parentCode, ancestors, children.GetValueOrDefault(row.Code) ?? [], row.ShortName, row.NameEn, edition));
        }

        foreach (var (parent, template) in departments)
        {
            IReadOnlyList<UnitRef> ancestors = [.. ancestorsOf[parent.Code], RefOf(parent)];
            var self = new UnitRef(UnitCode.ForDepartment(parent.Code, template.Abbreviation), DepartmentName(template, parent), UnitKind.Department);
            units.Add(Profile(self, "department", parent.Code, ancestors, [], template.Name, $"{template.NameEn}, {parent.NameEn}", edition));
        }

        return new HierarchySnapshot(edition, units, contentHash);
    }

    /// <summary>"Sở Nội vụ" of "Tỉnh Bình Phước" is "Sở Nội vụ tỉnh Bình Phước", as documents write it.</summary>
    private static string DepartmentName(DepartmentTemplate template, OfficialUnit parent) =>
        $"{template.Name} {char.ToLowerInvariant(parent.Name[0])}{parent.Name[1..]}";

    private static UnitRef RefOf(OfficialUnit row) => new(row.Code, row.Name, OfficialUnit.KindOf(row.OfficialKind)!.Value);

    private static UnitProfile Profile(UnitRef self, string officialKind, string? parentCode, IReadOnlyList<UnitRef> ancestors, IReadOnlyList<UnitRef> children, string? shortName, string? nameEn, HierarchyEdition edition) =>
        new(self.Code, self.Name, self.Kind, officialKind, parentCode, ancestors, children.ToArray(), shortName, nameEn, edition.Id);

    private static void AddChild(Dictionary<string, List<UnitRef>> map, string key, UnitRef value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
