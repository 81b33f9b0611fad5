using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UnitGrains.Contracts;
using UnitGrains.Domain;
using UnitGrains.Metrics;

namespace UnitGrains;

/// <summary>
/// A thin shell around <see cref="Campaign"/>: load state, call the domain, persist the result,
/// then let the rollup (<c>UnitGrain.Rollup.cs</c>) tell the parent. A failed write restores the
/// previous value and deactivates the grain, so it never answers with state storage does not hold.
/// </summary>
public sealed partial class UnitGrain(
    [PersistentState(StorageNames.UnitProfileState, StorageNames.Units)] IPersistentState<UnitProfileState> profile,
    [PersistentState(StorageNames.UnitCampaignsState, StorageNames.Units)] IPersistentState<UnitCampaignsState> campaigns,
    [PersistentState(StorageNames.UnitHistoryState, StorageNames.Units)] IPersistentState<UnitHistoryState> history,
    [FromKeyedServices(CampaignClock.Key)] TimeProvider time,
    TimeProvider systemClock,
    IOptions<RollupOptions> rollupOptions,
    UnitMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<UnitGrain> logger) : Grain, IUnitGrain
{
    private string Code => this.GetPrimaryKeyString();

    private DateOnly Today => VietnamCalendar.Today(time);

    public Task<UnitProfile?> GetProfileAsync()
    {
        if (profile.State.Profile is null)
        {
            // Lookups of unknown codes should not leave activations behind.
            DeactivateOnIdle();
        }

        return Task.FromResult(profile.State.Profile);
    }

    public async Task<RegisterResult> RegisterAsync(UnitProfile newProfile)
    {
        if (newProfile.Code != Code)
        {
            throw new ArgumentException($"Profile for '{newProfile.Code}' sent to unit '{Code}'.", nameof(newProfile));
        }

        var previous = profile.State.Profile;
        if (newProfile.SameAs(previous))
        {
            return RegisterResult.Unchanged;
        }

        profile.State.Profile = newProfile;
        try
        {
            await profile.WriteStateAsync();
        }
        catch
        {
            profile.State.Profile = previous;
            DeactivateOnIdle();
            throw;
        }

        await OnRegisteredAsync(pullChildren: previous is not null);
        return previous is null ? RegisterResult.Created : RegisterResult.Updated;
    }

    public Task<Outcome<CampaignView>> GetCampaignAsync(int year)
    {
        if (Refusal<CampaignView>(year) is { } refusal)
        {
            return Task.FromResult(refusal);
        }

        var campaign = campaigns.State.Years.GetValueOrDefault(year);
        return Task.FromResult<Outcome<CampaignView>>(campaign?.Plan is null
            ? DomainError.NotFound("plan_not_found", $"Unit '{Code}' has no plan for {year}.")
            : View(campaign));
    }

    public Task<Outcome<CampaignView>> PutPlanAsync(int year, PlanDraft draft, IfMatch? ifMatch = null, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.SetPlan(draft, Today), View, key, ifMatch, mayBeNoOp: true);

    public Task<Outcome<CampaignView>> ImportPlanAsync(int year, PlanDraft draft, IReadOnlyList<TaskDraft> tasks, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.Import(draft, tasks, Today), View, key, mayBeNoOp: true);

    public Task<Outcome<CampaignTask>> AddTaskAsync(int year, TaskDraft draft, IdempotencyKey? key = null)
    {
        string? assignedId = null;
        return ChangeAsync(
            year,
            c =>
            {
                assignedId = draft.Id ?? $"T{c.NextTaskNumber}";
                return c.AddTask(draft);
            },
            (c, _) => c.FindTask(assignedId!)!,
            key);
    }

    public Task<Outcome<CampaignTask>> StartTaskAsync(int year, string taskId, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.StartTask(taskId, Today), (c, _) => c.FindTask(taskId)!, key);

    public Task<Outcome<CampaignTask>> CompleteTaskAsync(int year, string taskId, TaskCompletion completion, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.CompleteTask(taskId, completion, Today), (c, _) => c.FindTask(taskId)!, key);

    public Task<Outcome<CampaignTask>> CancelTaskAsync(int year, string taskId, string? reason, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.CancelTask(taskId, reason, Today), (c, _) => c.FindTask(taskId)!, key);

    public Task<Outcome<Report>> SubmitReportAsync(int year, ReportSubmission submission, IdempotencyKey? key = null) =>
        ChangeAsync(year, c => c.SubmitReport(submission, Today), (c, _) => c.Reports[^1], key);

    private CampaignView View(Campaign campaign) => View(campaign, campaigns.State.Versions.GetValueOrDefault(campaign.Year));

    private CampaignView View(Campaign campaign, long version) => CampaignView.Of(Code, campaign, Today, version);

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
                return System.Text.Json.JsonSerializer.Deserialize<T>(first, ApiJson.Options)!;
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
        if (mayBeNoOp && key is null && previous is not null && Unchanged(previous, updated))
        {
            // Re-importing the same file or putting the same plan again: nothing to store, no new version.
            return result(updated, previousVersion);
        }

        var version = previousVersion + 1;
        var answer = result(updated, version);
        var previousLog = state.Idempotency;
        var log = key is null ? previousLog : previousLog.Record(key, System.Text.Json.JsonSerializer.Serialize(answer, ApiJson.Options), now);

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

        await AfterStoredAsync();
        return answer;
    }

    /// <summary>
    /// The rollup after a stored change. A failure here is logged and left to the rollup's own
    /// healing (the deadline reminder and the reconcile recompute and publish again): the change is
    /// stored, so its answer is the change's.
    /// </summary>
    private async Task AfterStoredAsync()
    {
        try
        {
            await OnCampaignChangedAsync();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unit {Code} stored a change but could not update its rollup; the next reconcile retries", Code);
        }
    }

    /// <summary>Campaigns hold lists, which records compare by reference; their JSON compares by value.</summary>
    private static bool Unchanged(Campaign previous, Campaign updated) =>
        ReferenceEquals(previous, updated)
        || System.Text.Json.JsonSerializer.Serialize(previous, ApiJson.Options) == System.Text.Json.JsonSerializer.Serialize(updated, ApiJson.Options);

    private Outcome<T>? Refusal<T>(int year)
    {
        if (profile.State.Profile is null)
        {
            DeactivateOnIdle();
            return DomainError.NotFound("unit_not_found", $"There is no unit '{Code}'.");
        }

        return CampaignYear.Check(year) is { } error ? Outcome<T>.Failure(error) : null;
    }
}
