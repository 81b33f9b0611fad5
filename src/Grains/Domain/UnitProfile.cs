namespace UnitGrains.Domain;

/// <summary>A reference to another unit with what a listing shows of it.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitRef(string Code, string Name, UnitKind Kind);

/// <summary>
/// What a unit is: its identity from the official list (or the department catalogue), its place
/// in the hierarchy and its children. <paramref name="Ancestors"/> runs from the nation down to the
/// parent, so a unit answers "where am I" without calling up the tree.
/// <paramref name="OfficialKind"/> keeps the list's finer kind (ward, district_level_town, …).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitProfile(
    string Code,
    string Name,
    UnitKind Kind,
    string OfficialKind,
    string? ParentCode,
    IReadOnlyList<UnitRef> Ancestors,
    IReadOnlyList<UnitRef> Children,
    string? ShortName,
    string? NameEn,
    string Hierarchy)
{
    public UnitRef ToRef() => new(Code, Name, Kind);

    /// <summary>
    /// Whether the unit owes a yearly plan: provinces, districts, communes, and the departments of a
    /// province (seed 000 is one). Divisions of a district or commune act under their unit's plan.
    /// </summary>
    public bool ExpectsPlan => Kind is UnitKind.Province or UnitKind.District or UnitKind.Commune
        || (Kind == UnitKind.Department && Ancestors.Count > 0 && Ancestors[^1].Kind == UnitKind.Province);

    /// <summary>Value equality over the lists too, so re-seeding an unchanged unit writes nothing.</summary>
    public bool SameAs(UnitProfile? other) =>
        other is not null
        && Code == other.Code && Name == other.Name && Kind == other.Kind && OfficialKind == other.OfficialKind
        && ParentCode == other.ParentCode && ShortName == other.ShortName && NameEn == other.NameEn
        && Hierarchy == other.Hierarchy
        && Ancestors.SequenceEqual(other.Ancestors) && Children.SequenceEqual(other.Children);
}
