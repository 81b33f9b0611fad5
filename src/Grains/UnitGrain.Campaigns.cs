using Microsoft.Extensions.Logging;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains;

/// <summary>
/// A unit's campaigns, one per year: read, and changed through <see cref="ChangeAsync"/> — the one
/// write path, in which "stored" and "answered 2xx" are the same thing.
/// </summary>
public sealed partial class UnitGrain
{
    public Task<Outcome<CampaignView>> GetCampaignAsync(int year)
    {
        if (Refusal<CampaignView>(year) is { } refusal)
        {
            return Task.FromResult(refusal);
        }

        var campaign = campaigns.State.Years.GetValueOrDefault(year);
        return Task.FromResult<Outcome<CampaignView>>(campaign?.Plan is null
            ? Errors.PlanNotFound(year)
            : View(campaign));
    }

    public Task<Outcome<CampaignView>> PutPlanAsync(int year, PlanDraft draft, IfMatch? ifMatch = null, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.SetPlan(draft, Today), View, key, ifMatch, mayBeNoOp: true);

    public Task<Outcome<CampaignView>> ImportPlanAsync(int year, PlanDraft draft, IReadOnlyList<TaskDraft> tasks, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.Import(draft, tasks, Today), View, key, mayBeNoOp: true);

    // The campaign appends what it adds: the new task is the last, whatever id it was given.
    public Task<Outcome<CampaignTask>> AddTaskAsync(int year, TaskDraft draft, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.AddTask(draft), (c, _) => c.Tasks[^1], key);

    public Task<Outcome<CampaignTask>> StartTaskAsync(int year, string taskId, IdempotencyKey? key = null, TaskStart? start = null) =>
        ChangeAsync(year, c => c.StartTask(taskId, start ?? new TaskStart(), Today), (c, _) => c.FindTask(taskId)!, key);

    public Task<Outcome<CampaignTask>> CompleteTaskAsync(int year, string taskId, TaskCompletion completion, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.CompleteTask(taskId, completion, Today), (c, _) => c.FindTask(taskId)!, key);

    public Task<Outcome<CampaignTask>> CancelTaskAsync(int year, string taskId, string? reason, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.CancelTask(taskId, reason, Today), (c, _) => c.FindTask(taskId)!, key);

    public Task<Outcome<Report>> SubmitReportAsync(int year, ReportSubmission submission, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.SubmitReport(submission, DutyOf(year), Today), (c, _) => c.Reports[^1], key);

    private CampaignView View(Campaign campaign) => View(campaign, campaigns.State.Versions.GetValueOrDefault(campaign.Year));

    private CampaignView View(Campaign campaign, long version) => CampaignView.Of(Code, campaign, DutyOf(campaign.Year), Today, version);

    /// <summary>
    /// Every change of a campaign, in one order that makes "stored" and "answered 2xx" the same
    /// thing: check the caller's conditions (a key already used answers its first result; If-Match
    /// must name the current version), decide with the domain, compute the whole answer (and the
    /// reply a retry under the key will get), then store the campaign, its new version and the key
    /// in one write. Nothing that can fail runs between the write and the answer: a failure before
    /// it stores nothing, a failed write restores all three and deactivates (storage may or may not
    /// hold the change; the key tells a retry which), and what follows a stored write — the rollup —
    /// is the unit's own business and never turns a stored change into an error.
    /// <paramref name="mayBeNoOp"/>: the change can leave the campaign as it was (the same plan put
    /// again, a file re-imported); then nothing is written and the version stays. Task and report
    /// changes always change something or fail, so they skip the comparison.
    /// </summary>
    private async Task<Outcome<T>> ChangeAsync<T>(int year, Func<Campaign, Outcome<Campaign>> change, Func<Campaign, long, T> result, IdempotencyKey? key = null, IfMatch? ifMatch = null, bool mayBeNoOp = false)
    {
        if (Refusal<T>(year) is { } refusal)
        {
            return refusal;
        }

        // A unit that ended does no more work: its campaigns stop with its last year (late entry of those stays open).
        if (profile.State.Profile is { ValidUntil: { } until } ended && year > until.Year)
        {
            return Errors.Ended(ended, year);
        }

        var state = campaigns.State;
        var now = systemClock.GetUtcNow();
        if (key is not null)
        {
            var replay = state.Idempotency.Replay(key, now);
            if (!replay.IsSuccess)
            {
                return Outcome<T>.Failure(replay.Errors);
            }

            if (replay.GetValue() is { } first)
            {
                return FirstResult<T>(first);
            }
        }

        var previous = state.Years.GetValueOrDefault(year);
        var previousVersion = state.Versions.GetValueOrDefault(year);
        if (ifMatch?.Check(previousVersion, previous?.Plan is not null) is { } stale)
        {
            return stale;
        }

        var outcome = change(previous ?? Campaign.Empty(year));
        if (!outcome.IsSuccess)
        {
            return Outcome<T>.Failure(outcome.Errors);
        }

        var updated = outcome.GetValue();
        if (mayBeNoOp && key is null && previous is not null && previous.SameAs(updated))
        {
            // Re-importing the same file or putting the same plan again: nothing to store, no new version.
            return result(updated, previousVersion);
        }

        var version = previousVersion + 1;
        var answer = result(updated, version);
        var previousLog = state.Idempotency;
        var log = key is null ? previousLog : previousLog.Record(key, serializer.SerializeToArray(answer), now);

        state.Years[year] = updated;
        state.Versions[year] = version;
        state.Idempotency = log;
        try
        {
            await campaigns.WriteStateAsync();
        }
        catch
        {
            if (previous is null)
            {
                state.Years.Remove(year);
            }
            else
            {
                state.Years[year] = previous;
            }

            state.Versions[year] = previousVersion;
            state.Idempotency = previousLog;
            DeactivateOnIdle();
            throw;
        }

        if (!ReferenceEquals(previous?.Plan, updated.Plan))
        {
            QueueObligations(year);
        }

        await AfterStoredAsync(year);
        return answer;
    }

    /// <summary>
    /// The rollup after a stored change. A failure here is logged and left to the rollup's own
    /// healing (the deadline reminder and the reconcile recompute and publish again): the change is
    /// stored, so its answer is the change's.
    /// </summary>
    private async Task AfterStoredAsync(int year)
    {
        try
        {
            await OnCampaignChangedAsync(year);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unit {Code} stored a change but could not update its rollup; the next reconcile retries", Code);
        }
    }

    /// <summary>The result a write under a key answered, for its retry.</summary>
    private T FirstResult<T>(IdempotencyRecord first) =>
        first.Reply is { } reply
            ? serializer.Deserialize<T>(reply)!
            // Recorded before results were kept as domain results: the API's JSON of the time.
            : System.Text.Json.JsonSerializer.Deserialize<T>(first.Result!, ApiJson.Options)!;

    private Outcome<T>? Refusal<T>(int year)
    {
        if (profile.State.Profile is null)
        {
            DeactivateOnIdle();
            return Errors.UnitNotFound(Code);
        }

        return CampaignYear.Check(year) is { } error ? Outcome<T>.Failure(error) : null;
    }
}
