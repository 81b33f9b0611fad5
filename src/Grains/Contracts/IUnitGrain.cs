using Orleans.Concurrency;
using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// One administrative unit — nation (<c>VN</c>), province, district, commune or department — keyed
/// by its code: its place in the hierarchy and the protocol between units (a parent pulls a
/// child's summary, a refresh runs down the tree). The unit's other concerns are contracts of their
/// own — <see cref="ICampaignGrain"/>, <see cref="IDutyGrain"/>, <see cref="IScoresGrain"/>, <see cref="IUnitWatchGrain"/> —
/// implemented by the same grain, so one reference (<see cref="UnitGrainReferences.GetUnit"/>,
/// resolved once) reaches them all; callers name the one they use. Calls on a code that was never
/// registered answer "unit not found".
/// </summary>
public interface IUnitGrain : ICampaignGrain, IDutyGrain, IScoresGrain, IUnitWatchGrain
{
    /// <summary>The unit's profile, or null when no list registered this code.</summary>
    [AlwaysInterleave]
    Task<UnitProfile?> GetProfileAsync();

    /// <summary>Creates or updates the unit from a hierarchy list; an identical profile writes nothing.</summary>
    Task<RegisterResult> RegisterAsync(UnitProfile profile);

    /// <summary>The unit's current subtree summary (what a parent pulls), or null if the unit does not exist.</summary>
    Task<SubtreeSummary?> GetSummaryAsync();

    /// <summary>How many open escalations of the subtree <paramref name="filter"/> matches and the <paramref name="count"/> oldest (asks down the tree only where summaries may not hold them).</summary>
    Task<EscalationMatches> GetMatchingEscalationsAsync(EscalationFilter filter, int count);

    /// <summary>Re-evaluates deadlines on the campaign clock now (and in the whole subtree), then pulls and publishes.</summary>
    Task RefreshAsync(bool subtree);
}

/// <summary>What registering a unit did, so seeding can report created / updated / unchanged.</summary>
public enum RegisterResult
{
    Created,
    Updated,
    Unchanged,
}
