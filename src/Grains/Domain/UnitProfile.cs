namespace UnitGrains.Domain;

/// <summary>
/// A reference to another unit with what a listing shows of it; for a unit not in force for the
/// whole of the system's time, the days it was (null: open on that side).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitRef(string Code, string Name, UnitKind Kind, DateOnly? ValidFrom = null, DateOnly? ValidUntil = null)
{
    public bool InForceOn(DateOnly day) => (ValidFrom is not { } from || day >= from) && (ValidUntil is not { } until || day <= until);

    /// <summary>Whether the unit was in force on some day of <paramref name="year"/>: only then may it hold a campaign for it.</summary>
    public bool InForceDuring(int year) =>
        (ValidFrom is not { } from || from.Year <= year) && (ValidUntil is not { } until || until.Year >= year);
}

/// <summary>
/// What a unit is: its identity from the official list (or the department catalogue), its place
/// in the hierarchy and its children. <paramref name="Ancestors"/> runs from the nation down to the
/// parent, so a unit answers "where am I" without calling up the tree.
/// <paramref name="OfficialKind"/> keeps the list's finer kind (ward, district_level_town, …).
/// A unit is in force from <paramref name="ValidFrom"/> to <paramref name="ValidUntil"/> (null: open —
/// before the oldest list held, or still today); its children are every unit that was ever its child,
/// each with its own dates. <paramref name="Predecessors"/> and <paramref name="Successors"/> are its
/// lineage across reforms; <paramref name="CarriedInto"/>, for a unit that ended, is the unit of
/// today whose scores carry its work, with that unit's ancestors (nation first, the unit last).
/// <paramref name="CarryingChildren"/>: the children that carry work of units that ended, with the
/// last year that work can be of — the only children a ranking must ask for more than their summary.
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
    string Hierarchy,
    DateOnly? ValidFrom = null,
    DateOnly? ValidUntil = null,
    IReadOnlyList<LineageLink>? Predecessors = null,
    IReadOnlyList<LineageLink>? Successors = null,
    IReadOnlyList<UnitRef>? CarriedInto = null,
    IReadOnlyDictionary<string, int>? CarryingChildren = null)
{
    /// <summary>Whether a child's score for <paramref name="year"/> may hold work carried into it from units that ended.</summary>
    public bool ChildCarries(string child, int year) => CarryingChildren?.TryGetValue(child, out var last) == true && year <= last;

    public UnitRef ToRef() => new(Code, Name, Kind, ValidFrom, ValidUntil);

    /// <summary>The official code this unit holds (its key without the last day of an ended unit).</summary>
    public string OfficialCode => UnitCode.OfficialOf(Code);

    public bool InForceOn(DateOnly day) => ToRef().InForceOn(day);

    public bool InForceDuring(int year) => ToRef().InForceDuring(year);

    /// <summary>The units whose work counts in this unit's scores besides its own subtree (lineage links counted here).</summary>
    public IEnumerable<string> CarriedCodes => (Predecessors ?? []).Where(l => l.Counted).Select(l => l.Code);

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
        && Hierarchy == other.Hierarchy && ValidFrom == other.ValidFrom && ValidUntil == other.ValidUntil
        && Ancestors.SequenceEqual(other.Ancestors) && Children.SequenceEqual(other.Children)
        && (Predecessors ?? []).SequenceEqual(other.Predecessors ?? [])
        && (Successors ?? []).SequenceEqual(other.Successors ?? [])
        && (CarriedInto ?? []).SequenceEqual(other.CarriedInto ?? [])
        && (CarryingChildren ?? new Dictionary<string, int>()).OrderBy(c => c.Key, StringComparer.Ordinal)
            .SequenceEqual((other.CarryingChildren ?? new Dictionary<string, int>()).OrderBy(c => c.Key, StringComparer.Ordinal));
}
