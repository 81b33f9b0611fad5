using UnitGrains.Domain;

namespace UnitGrains.Hierarchy;

/// <summary>A row of an official unit list (<c>data/units/*.csv</c>).</summary>
public sealed record OfficialUnit(string Code, string Name, string OfficialKind, string? ParentCode, int Level, string ShortName, string NameEn)
{
    /// <summary>The list's fine-grained kinds (data/README.md) folded into the model's kinds.</summary>
    public static UnitKind? KindOf(string officialKind) => officialKind switch
    {
        "municipality" or "province" => UnitKind.Province,
        "urban_district" or "district" or "district_level_town" or "provincial_city" or "municipal_city" => UnitKind.District,
        "ward" or "commune" or "commune_level_town" or "special_administrative_region" => UnitKind.Commune,
        _ => null,
    };
}
