using UnitGrains.Storage;

namespace UnitGrains.Hosting;

/// <summary>
/// Settings shared by the silo and the gateway (section <c>UnitGrains</c>, or the command-line
/// switches of <see cref="CommandLine"/>).
/// </summary>
public sealed class UnitGrainsOptions
{
    public const string Section = "UnitGrains";

    /// <summary>
    /// What to seed: <c>all</c> (default) — every official list as dated units with their lineage —
    /// or one list alone (2level-2025-07, 3level-2025-03 or 3level-2023) for a cluster of one era.
    /// </summary>
    public string Hierarchy { get; set; } = UnitGrains.Hierarchy.HierarchyTimeline.Id;

    /// <summary>Only these provinces (comma-separated codes) and what lies under them; empty = the whole nation.</summary>
    public string Provinces { get; set; } = "";

    public IReadOnlyList<string> ProvinceCodes => [.. Provinces.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Seed the hierarchy at start-up (idempotent; skipped when the cluster already holds it).</summary>
    public bool Seed { get; set; } = true;

    /// <summary>After seeding, import the seed plans of <c>data/plans</c> written for the seeded list.</summary>
    public bool ImportSeedPlans { get; set; } = true;

    /// <summary>Folder holding <c>units/</c>, <c>departments.json</c> and <c>plans/</c>; defaults to the one shipped next to the binaries.</summary>
    public string DataDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "data");
}

/// <summary>Short command-line switches for the settings people change most.</summary>
public static class CommandLine
{
    public static readonly IDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--hierarchy"] = $"{UnitGrainsOptions.Section}:Hierarchy",
        ["--seed"] = $"{UnitGrainsOptions.Section}:Seed",
        ["--provinces"] = $"{UnitGrainsOptions.Section}:Provinces",
        ["--import-seed-plans"] = $"{UnitGrainsOptions.Section}:ImportSeedPlans",
        ["--data"] = $"{UnitGrainsOptions.Section}:DataDirectory",
        ["--silo-port"] = "Orleans:SiloPort",
        ["--gateway-port"] = "Orleans:GatewayPort",
        ["--cluster"] = "Orleans:Cluster",
        ["--cluster-id"] = "Orleans:ClusterId",
        ["--advertise"] = "Orleans:AdvertisedAddress",
        ["--storage"] = StorageSettings.Key,
    };
}
