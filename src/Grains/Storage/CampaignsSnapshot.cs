using UnitGrains.Domain;

namespace UnitGrains.Storage;

/// <summary>
/// A unit's campaigns as a store that keeps objects holds them (<c>ProcessMemoryGrainStorage</c>):
/// the campaigns themselves, shared with the grain that wrote them, and copies of the two small
/// maps around them, which the grain goes on changing. Sharing is safe because a campaign is
/// immutable all the way down (Orleans shares it between grains as <c>[Immutable]</c> too); copying
/// it as bytes was not: every completion serialized its task again and rebuilt the arrays of
/// records, and all of that outlived the next young collection — about half of what a commune's
/// event leaves for the collector to copy (docs/benchmarks.md).
/// </summary>
public sealed class CampaignsSnapshot
{
    private readonly KeyValuePair<int, Campaign>[] _years;
    private readonly KeyValuePair<int, long>[] _versions;
    private readonly IdempotencyLog _idempotency;

    private CampaignsSnapshot(KeyValuePair<int, Campaign>[] years, KeyValuePair<int, long>[] versions, IdempotencyLog idempotency)
    {
        _years = years;
        _versions = versions;
        _idempotency = idempotency;
    }

    public static CampaignsSnapshot Of(UnitCampaignsState state) => new([.. state.Years], [.. state.Versions], state.Idempotency);

    /// <summary>A state of its own for a reader: its maps are new, so one reader's changes are not another's.</summary>
    public UnitCampaignsState ToState() => new() { Years = new(_years), Versions = new(_versions), Idempotency = _idempotency };
}
