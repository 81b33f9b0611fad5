using Microsoft.Extensions.DependencyInjection;
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
            : CampaignView.Of(Code, campaign, Today));
    }

    public Task<Outcome<CampaignView>> PutPlanAsync(int year, PlanDraft draft) =>
        ChangeAsync(year, c => c.SetPlan(draft, Today), c => CampaignView.Of(Code, c, Today));

    public Task<Outcome<CampaignView>> ImportPlanAsync(int year, PlanDraft draft, IReadOnlyList<TaskDraft> tasks) =>
        ChangeAsync(year, c => c.Import(draft, tasks, Today), c => CampaignView.Of(Code, c, Today));

    public Task<Outcome<CampaignTask>> AddTaskAsync(int year, TaskDraft draft)
    {
        string? assignedId = null;
        return ChangeAsync(
            year,
            c =>
            {
                assignedId = draft.Id ?? $"T{c.NextTaskNumber}";
                return c.AddTask(draft);
            },
            c => c.FindTask(assignedId!)!);
    }

    public Task<Outcome<CampaignTask>> StartTaskAsync(int year, string taskId) =>
        ChangeAsync(year, c => c.StartTask(taskId, Today), c => c.FindTask(taskId)!);

    public Task<Outcome<CampaignTask>> CompleteTaskAsync(int year, string taskId, TaskCompletion completion) =>
        ChangeAsync(year, c => c.CompleteTask(taskId, completion, Today), c => c.FindTask(taskId)!);

    public Task<Outcome<CampaignTask>> CancelTaskAsync(int year, string taskId, string? reason) =>
        ChangeAsync(year, c => c.CancelTask(taskId, reason, Today), c => c.FindTask(taskId)!);

    public Task<Outcome<Report>> SubmitReportAsync(int year, ReportSubmission submission) =>
        ChangeAsync(year, c => c.SubmitReport(submission, Today), c => c.Reports[^1]);

    private async Task<Outcome<T>> ChangeAsync<T>(int year, Func<Campaign, Outcome<Campaign>> change, Func<Campaign, T> result)
    {
        if (Refusal<T>(year) is { } refusal)
        {
            return refusal;
        }

        var previous = campaigns.State.Years.GetValueOrDefault(year);
        var outcome = change(previous ?? Campaign.Empty(year));
        if (!outcome.IsSuccess)
        {
            return Outcome<T>.Failure(outcome.Errors);
        }

        var updated = outcome.GetValue();
        campaigns.State.Years[year] = updated;
        try
        {
            await campaigns.WriteStateAsync();
        }
        catch
        {
            if (previous is null)
            {
                campaigns.State.Years.Remove(year);
            }
            else
            {
                campaigns.State.Years[year] = previous;
            }

            DeactivateOnIdle();
            throw;
        }

        await OnCampaignChangedAsync();
        return result(updated);
    }

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
