namespace UnitGrains.Placement;

/// <summary>How units follow the set of silos (<c>UnitGrains:Placement</c>).</summary>
public sealed class PlacementOptions
{
    public const string Section = "UnitGrains:Placement";

    /// <summary>How long membership must stay unchanged before units move: silos starting together cause one move, not one per silo.</summary>
    public double SettleSeconds { get; set; } = 3;

    /// <summary>Units moved at once; the next batch waits until these have left and answered on their owners.</summary>
    public int MigrationBatch { get; set; } = 64;
}
