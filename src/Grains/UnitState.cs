using UnitGrains.Domain;
using UnitGrains.Storage;

namespace UnitGrains;

/// <summary>The profile, stored apart from campaigns so a task update does not rewrite the children list.</summary>
[GenerateSerializer]
public sealed class UnitProfileState
{
    [Id(0)]
    public UnitProfile? Profile { get; set; }
}

/// <summary>
/// A unit's campaigns by year, each year's version (raised by every change; the ETag of the
/// campaign) and the idempotency keys of recent writes — one state, so a change, its version and
/// the key that guards it are stored in one write. Stored record by record (<see cref="Storage.StoredCampaigns"/>);
/// its own codec still reads the rows written whole before that (<see cref="Hosting.UnitStateSerializer"/>).
/// </summary>
[GenerateSerializer]
public sealed class UnitCampaignsState
{
    [Id(0)]
    public Dictionary<int, Campaign> Years { get; set; } = [];

    [Id(1)]
    public Dictionary<int, long> Versions { get; set; } = [];

    [Id(2)]
    public IdempotencyLog Idempotency { get; set; } = IdempotencyLog.Empty;

    /// <summary>What the last write serialized, so the next one re-serializes only what changed; never stored.</summary>
    [field: NonSerialized]
    public Storage.CampaignsEncoding Encoding { get; init; } = new();
}

/// <summary>
/// What others decided about the unit: what its parent's plan obliges it to, by year (delivered by
/// the parent, <see cref="Domain.Obligations"/>), and the acknowledgements officials above gave its
/// escalations, by escalation id. Kept apart from the campaigns: the unit's own writes never touch it.
/// </summary>
[GenerateSerializer]
public sealed class UnitDutiesState
{
    [Id(0)]
    public Dictionary<int, PlanObligation> Obliged { get; set; } = [];

    [Id(1)]
    public Dictionary<string, Acknowledgement> Acknowledged { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Raised by every change, so what is derived from the obligations knows when to recompute.</summary>
    [Id(2)]
    public long Version { get; set; }
}
