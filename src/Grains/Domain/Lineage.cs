namespace UnitGrains.Domain;

/// <summary>How a unit passed into another at a reform.</summary>
public enum LinkKind
{
    /// <summary>The whole unit became (part of) the other — a row <c>full</c> of the merge map, or a department taken over by its province's successor's department of the same name.</summary>
    Full,

    /// <summary>Part of the unit went to the other (a row <c>partial</c> of the merge map): shown, counted only where the rest of the unit went.</summary>
    Partial,

    /// <summary>No list says where the unit went (a district, its departments, a commune merged before March 2025): its work is carried by the unit that took its province.</summary>
    Absorbed,
}

/// <summary>
/// One step of a unit's lineage: the other unit, when the change took effect, how, and whether the
/// work of the unit that ended counts in the other's scores (it counts in exactly one successor,
/// so nothing is counted twice when a past year is viewed through today's units).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LineageLink(
    string Code,
    string Name,
    UnitKind Kind,
    DateOnly On,
    LinkKind How,
    bool Counted);
