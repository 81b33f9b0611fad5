using Orleans.Serialization;
using UnitGrains.Domain;

namespace UnitGrains.Storage;

/// <summary>
/// How <see cref="UnitCampaignsState"/> is stored: the plan, tasks, reports and idempotency records
/// as <see cref="StoredList"/>s of separately serialized records, so a write re-serializes only the
/// records that changed since the last one (<see cref="CampaignsEncoding"/>).
/// </summary>
[GenerateSerializer]
public sealed record StoredCampaigns(Dictionary<int, StoredCampaign> Years, Dictionary<int, long> Versions, StoredList Idempotency);

[GenerateSerializer]
public sealed record StoredCampaign(int Year, int NextTaskNumber, StoredList Plan, StoredList Tasks, StoredList Reports);

/// <summary>
/// The last encoding of a unit's campaigns, kept with its state (never stored) so the next write
/// reuses the bytes of every record that has not changed.
/// </summary>
public sealed class CampaignsEncoding
{
    private readonly Dictionary<int, (EncodedList<Plan> Plan, EncodedList<CampaignTask> Tasks, EncodedList<Report> Reports)> _years = [];

    private EncodedList<IdempotencyRecord> _idempotency = EncodedList<IdempotencyRecord>.Empty;

    public StoredCampaigns Encode(UnitCampaignsState state, Serializer serializer)
    {
        var years = new Dictionary<int, StoredCampaign>(state.Years.Count);
        foreach (var (year, campaign) in state.Years)
        {
            _years.TryGetValue(year, out var last);
            var plan = EncodedList<Plan>.Encode(campaign.Plan is { } p ? [p] : [], last.Plan, serializer);
            var tasks = EncodedList<CampaignTask>.Encode(campaign.Tasks, last.Tasks, serializer);
            var reports = EncodedList<Report>.Encode(campaign.Reports, last.Reports, serializer);
            _years[year] = (plan, tasks, reports);
            years[year] = new StoredCampaign(year, campaign.NextTaskNumber, plan.Stored, tasks.Stored, reports.Stored);
        }

        // A year rolled back after a failed first write must not keep its encoding alive.
        foreach (var gone in _years.Keys.Where(y => !state.Years.ContainsKey(y)).ToList())
        {
            _years.Remove(gone);
        }

        _idempotency = EncodedList<IdempotencyRecord>.Encode(state.Idempotency.Records, _idempotency, serializer);
        return new StoredCampaigns(years, new Dictionary<int, long>(state.Versions), _idempotency.Stored);
    }

    public static UnitCampaignsState Decode(StoredCampaigns stored, Serializer serializer)
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
