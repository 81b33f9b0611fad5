using Orleans.Concurrency;
using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// One administrative unit — nation (<c>VN</c>), province, district, commune or department — keyed
/// by its code. It holds its profile and, per campaign year, its plan, tasks and reports.
/// Calls on a code that was never registered answer "unit not found".
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>The unit's profile, or null when no list registered this code.</summary>
    [AlwaysInterleave]
    Task<UnitProfile?> GetProfileAsync();

    /// <summary>Creates or updates the unit from a hierarchy list; an identical profile writes nothing.</summary>
    Task<RegisterResult> RegisterAsync(UnitProfile profile);

    Task<Outcome<CampaignView>> GetCampaignAsync(int year);

    // Every write takes an optional idempotency key: a retry with the same key and request
    // answers the first result and changes nothing; the same key with another request is refused.

    /// <summary>Puts the plan; with <paramref name="ifMatch"/>, only if the campaign is still at one of the versions it names.</summary>
    Task<Outcome<CampaignView>> PutPlanAsync(int year, PlanDraft draft, IfMatch? ifMatch = null, IdempotencyKey? key = null);

    Task<Outcome<CampaignView>> ImportPlanAsync(int year, PlanDraft draft, IReadOnlyList<TaskDraft> tasks, IdempotencyKey? key = null);

    Task<Outcome<CampaignTask>> AddTaskAsync(int year, TaskDraft draft, IdempotencyKey? key = null);

    Task<Outcome<CampaignTask>> StartTaskAsync(int year, string taskId, IdempotencyKey? key = null);

    Task<Outcome<CampaignTask>> CompleteTaskAsync(int year, string taskId, TaskCompletion completion, IdempotencyKey? key = null);

    Task<Outcome<CampaignTask>> CancelTaskAsync(int year, string taskId, string? reason, IdempotencyKey? key = null);

    Task<Outcome<Report>> SubmitReportAsync(int year, ReportSubmission submission, IdempotencyKey? key = null);

    /// <summary>The unit's current subtree summary (what a parent pulls), or null if the unit does not exist.</summary>
    Task<SubtreeSummary?> GetSummaryAsync();

    /// <summary>Scores for a campaign year; null means the current year on the campaign clock.</summary>
    Task<Outcome<UnitScores>> GetScoresAsync(int? year);

    /// <summary>The unit's children ranked by their subtree score (rankings among siblings).</summary>
    Task<Outcome<IReadOnlyList<ChildScore>>> GetChildrenScoresAsync(int? year);

    Task<Outcome<ScoreHistory>> GetHistoryAsync(int? year);

    /// <summary>A page of the open escalations of the unit's subtree, oldest first, with their total.</summary>
    Task<Outcome<EscalationPage>> GetEscalationsAsync(PageRequest page);

    /// <summary>The <paramref name="count"/> oldest open escalations of the subtree (asks down the tree only where summaries are truncated).</summary>
    Task<IReadOnlyList<Escalation>> GetOldestEscalationsAsync(int count);

    /// <summary>
    /// Registers or renews a live watcher of the subtree (renew well within <see cref="UnitChange.WatchExpiry"/>).
    /// Returns the current summary version, so a watcher that renews can tell it missed changes
    /// (the unit was reactivated and forgot it), or null when the unit does not exist.
    /// </summary>
    Task<long?> WatchAsync(IUnitWatcher watcher);

    Task UnwatchAsync(IUnitWatcher watcher);

    /// <summary>How many watchers the unit currently notifies (expired ones are dropped first).</summary>
    [AlwaysInterleave]
    Task<int> GetWatcherCountAsync();

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
