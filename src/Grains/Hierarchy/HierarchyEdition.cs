namespace UnitGrains.Hierarchy;

/// <summary>One official list of units, with the date it took effect (which picks the departments that existed then).</summary>
public sealed record HierarchyEdition(string Id, string FileName, DateOnly EffectiveFrom, string Description)
{
    public static readonly HierarchyEdition TwoLevel2025 = new(
        "2level-2025-07", "units-2level-2025-07.csv", new DateOnly(2025, 7, 1), "2-level list from 1 July 2025 (34 provinces, 3,321 communes)");

    public static readonly HierarchyEdition ThreeLevel2025 = new(
        "3level-2025-03", "units-3level-2025-03.csv", new DateOnly(2025, 3, 1), "last 3-level list, 1 March – 30 June 2025 (63 / 696 / 10,035)");

    public static readonly HierarchyEdition ThreeLevel2023 = new(
        "3level-2023", "units-3level-2023.csv", new DateOnly(2023, 4, 10), "3-level list of 10 April 2023, the era of the 2022 seed plans (63 / 705 / 10,598)");

    public static readonly IReadOnlyList<HierarchyEdition> All = [TwoLevel2025, ThreeLevel2025, ThreeLevel2023];

    public static HierarchyEdition Default => TwoLevel2025;

    /// <summary>The list a plan file names (<c>hierarchy</c>, blanks ignored), or null for none or an unknown one: its codes are then today's.</summary>
    public static HierarchyEdition? Named(string? id) => All.FirstOrDefault(e => e.Id == id?.Trim());

    public static HierarchyEdition Find(string id) =>
        All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown hierarchy list '{id}'. Known lists: {string.Join(", ", All.Select(e => e.Id))}.", nameof(id));
}
