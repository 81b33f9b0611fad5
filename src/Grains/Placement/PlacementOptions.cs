namespace UnitGrains.Placement;

/// <summary>How units follow the set of silos (<c>UnitGrains:Placement</c>).</summary>
public sealed class PlacementOptions
{
    public const string Section = "UnitGrains:Placement";

    /// <summary>How long membership must stay unchanged before units move: silos starting together cause one move, not one per silo.</summary>
    public double SettleSeconds { get; set; } = 3;

    /// <summary>How often a silo looks for units that are not on their owners without a change of silos (one a stale address re-activated here).</summary>
    public double SweepSeconds { get; set; } = 15;

    /// <summary>Units migrated at once; the next batch waits until these have left.</summary>
    public int MigrationBatch { get; set; } = 64;
}
