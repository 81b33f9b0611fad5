using Orleans.Serialization;
using UnitGrains.Domain;
using UnitGrains.Storage.Postgres;

namespace UnitGrains.Storage;

/// <summary>
/// How <see cref="UnitCampaignsState"/> is stored in a row: the plan, tasks, reports and idempotency
/// records as <see cref="StoredList"/>s of separately serialized records, so a write re-serializes
/// only the records that changed since the last one (<see cref="CampaignsEncoding"/>).
/// </summary>
[GenerateSerializer]
public sealed record StoredCampaigns(Dictionary<int, StoredCampaign> Years, Dictionary<int, long> Versions, StoredList Idempotency);

[GenerateSerializer]
public sealed record StoredCampaign(int Year, int NextTaskNumber, StoredList Plan, StoredList Tasks, StoredList Reports);

/// <summary>
/// The same records as <see cref="StoredCampaigns"/>, each in its own memory: what a store that keeps
/// objects holds (<c>ProcessMemoryGrainStorage</c>), sharing every unchanged record with the
/// encoding before, and what a row is made of (<see cref="ToStored"/>). Immutable: records are never
/// written to once made.
/// </summary>
public sealed record EncodedCampaigns(IReadOnlyDictionary<int, EncodedCampaign> Years, IReadOnlyDictionary<int, long> Versions, IReadOnlyList<byte[]> Idempotency)
{
    public static EncodedCampaigns Empty { get; } = new(new Dictionary<int, EncodedCampaign>(), new Dictionary<int, long>(), []);

    /// <summary>The row: each list's records copied back to back.</summary>
    public StoredCampaigns ToStored() => new(
        Years.ToDictionary(y => y.Key, y => new StoredCampaign(y.Value.Year, y.Value.NextTaskNumber, StoredList.Of(y.Value.Plan), StoredList.Of(y.Value.Tasks), StoredList.Of(y.Value.Reports))),
        new Dictionary<int, long>(Versions),
        StoredList.Of(Idempotency));

    /// <summary>A row's records (<see cref="StoredList.Split"/>).</summary>
    public static EncodedCampaigns From(StoredCampaigns stored) => new(
        stored.Years.ToDictionary(y => y.Key, y => new EncodedCampaign(y.Value.Year, y.Value.NextTaskNumber, y.Value.Plan.Split(), y.Value.Tasks.Split(), y.Value.Reports.Split())),
        stored.Versions,
        stored.Idempotency.Split());
}

public sealed record EncodedCampaign(int Year, int NextTaskNumber, IReadOnlyList<byte[]> Plan, IReadOnlyList<byte[]> Tasks, IReadOnlyList<byte[]> Reports);

/// <summary>
/// The last encoding of a unit's campaigns, kept with its state (never stored) so the next write
/// reuses the bytes of every record that has not changed.
/// </summary>
public sealed class CampaignsEncoding
{
    private readonly Dictionary<int, (EncodedList<Plan> Plan, EncodedList<CampaignTask> Tasks, EncodedList<Report> Reports)> _years = [];

    private EncodedList<IdempotencyRecord> _idempotency = EncodedList<IdempotencyRecord>.Empty;

    /// <summary>What a journaled store last wrote of these campaigns (PostgreSQL, <c>CampaignJournalStorage</c>); null before its first write.</summary>
    public JournalMark? Journal { get; set; }

    public EncodedCampaigns Encode(UnitCampaignsState state, Serializer serializer)
    {
        var years = new Dictionary<int, EncodedCampaign>(state.Years.Count);
        foreach (var (year, campaign) in state.Years)
        {
            _years.TryGetValue(year, out var last);
            var plan = EncodedList<Plan>.Encode(campaign.Plan is { } p ? [p] : [], last.Plan, serializer);
            var tasks = EncodedList<CampaignTask>.Encode(campaign.Tasks, last.Tasks, serializer);
            var reports = EncodedList<Report>.Encode(campaign.Reports, last.Reports, serializer);
            _years[year] = (plan, tasks, reports);
            years[year] = new EncodedCampaign(year, campaign.NextTaskNumber, plan.Records, tasks.Records, reports.Records);
        }

        // A year rolled back after a failed first write must not keep its encoding alive.
        foreach (var gone in _years.Keys.Where(y => !state.Years.ContainsKey(y)).ToList())
        {
            _years.Remove(gone);
        }

        _idempotency = EncodedList<IdempotencyRecord>.Encode(state.Idempotency.Records, _idempotency, serializer);
        return new EncodedCampaigns(years, new Dictionary<int, long>(state.Versions), _idempotency.Records);
    }

    public static UnitCampaignsState Decode(StoredCampaigns stored, Serializer serializer) => Decode(EncodedCampaigns.From(stored), serializer);

    public static UnitCampaignsState Decode(EncodedCampaigns stored, Serializer serializer)
    {
        var encoding = new CampaignsEncoding();
        var state = new UnitCampaignsState { Encoding = encoding, Versions = new Dictionary<int, long>(stored.Versions) };
        foreach (var (year, campaign) in stored.Years)
        {
            var plan = EncodedList<Plan>.Decode(campaign.Plan, serializer);
            var tasks = EncodedList<CampaignTask>.Decode(campaign.Tasks, serializer);
            var reports = EncodedList<Report>.Decode(campaign.Reports, serializer);
            encoding._years[year] = (plan, tasks, reports);
            state.Years[year] = new Campaign(year, plan.Items.Count > 0 ? plan.Items[0] : null, tasks.Items, reports.Items, campaign.NextTaskNumber);
        }

        encoding._idempotency = EncodedList<IdempotencyRecord>.Decode(stored.Idempotency, serializer);
        state.Idempotency = new IdempotencyLog(encoding._idempotency.Items);
        return state;
    }
}
