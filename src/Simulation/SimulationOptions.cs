namespace UnitGrains.Simulation;

/// <summary>
/// The live campaign a host with a silo can play after seeding (section <c>UnitGrains:Simulation</c>;
/// <c>--simulate</c>, <c>--simulate-seed N</c> on the gateway's command line). Off by default.
/// </summary>
public sealed class SimulationOptions
{
    public const string Section = "UnitGrains:Simulation";

    public bool Enabled { get; set; }

    public int Seed { get; set; } = 42;

    /// <summary>The scenario year; default the current year in Vietnam (only the actions dated up to today are played).</summary>
    public int? Year { get; set; }

    /// <summary>How long the actions are spread over, so the dashboard moves for a while.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How many units act at once.</summary>
    public int Parallelism { get; set; } = 8;
}
