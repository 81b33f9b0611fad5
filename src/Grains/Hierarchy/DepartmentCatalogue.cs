using System.Text.Json;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Hierarchy;

/// <summary>One standard department of a level (<c>data/departments.json</c>), valid between two dates.</summary>
public sealed record DepartmentTemplate(string Abbreviation, string Name, string NameEn, DateOnly? From = null, DateOnly? Until = null, IReadOnlyList<string>? Kinds = null)
{
    public bool AppliesTo(DateOnly effective, string parentOfficialKind) =>
        (From is not { } from || effective >= from)
        && (Until is not { } until || effective <= until)
        && (Kinds is null || Kinds.Contains(parentOfficialKind));
}

/// <summary>The standard departments of provinces, districts and communes, kept as data.</summary>
public sealed record DepartmentCatalogue(IReadOnlyList<DepartmentTemplate> Province, IReadOnlyList<DepartmentTemplate> District, IReadOnlyList<DepartmentTemplate> Commune)
{
    public static DepartmentCatalogue Load(string path)
    {
        var catalogue = JsonSerializer.Deserialize<CatalogueFile>(File.ReadAllText(path), CatalogueJson)
            ?? throw new InvalidDataException($"{path} is empty.");
        var result = new DepartmentCatalogue(catalogue.Province ?? [], catalogue.District ?? [], catalogue.Commune ?? []);
        foreach (var template in result.Province.Concat(result.District).Concat(result.Commune))
        {
            if (!UnitCode.IsValidAbbreviation(template.Abbreviation))
            {
                throw new InvalidDataException($"{path}: '{template.Abbreviation}' is not a department abbreviation (2–12 capital letters or digits).");
            }
        }

        return result;
    }

    public IEnumerable<DepartmentTemplate> For(UnitKind parentKind, string parentOfficialKind, DateOnly effective) =>
        (parentKind switch
        {
            UnitKind.Province => Province,
            UnitKind.District => District,
            UnitKind.Commune => Commune,
            _ => [],
        }).Where(t => t.AppliesTo(effective, parentOfficialKind));

    private static readonly JsonSerializerOptions CatalogueJson = new(ApiJson.Options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };

    private sealed record CatalogueFile(IReadOnlyList<DepartmentTemplate>? Province, IReadOnlyList<DepartmentTemplate>? District, IReadOnlyList<DepartmentTemplate>? Commune);
}
