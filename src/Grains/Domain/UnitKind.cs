namespace UnitGrains.Domain;

/// <summary>The five kinds of unit the model distinguishes (domain.md §1).</summary>
public enum UnitKind
{
    Nation,
    Province,
    District,
    Commune,
    Department,
}
