using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Simulation;

/// <summary>
/// Carries a scenario out on grains. With a <see cref="ManualClock"/> (the campaign clock of an
/// in-process silo) each day is lived at 09:00 in Vietnam and deadlines are re-evaluated on demand;
/// without one the silo's real clock runs and its reminders re-evaluate them.
/// </summary>
public sealed class GrainCampaignTarget(IGrainFactory grains, ManualClock? clock = null) : ICampaignTarget
{
    public Task BeginDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        clock?.Set(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), VietnamCalendar.Offset));
        return Task.CompletedTask;
    }

    public async Task<string?> IssuePlanAsync(IssuePlan action, CancellationToken cancellationToken) =>
        FirstError((await Unit(action).ImportPlanAsync(action.Day.Year, action.Plan, action.Tasks)).Errors);

    public async Task<string?> CompleteTaskAsync(CompleteTask action, CancellationToken cancellationToken) =>
        FirstError((await Unit(action).CompleteTaskAsync(action.Day.Year, action.TaskId, action.Completion)).Errors);

    public async Task<string?> SubmitReportAsync(SubmitReport action, CancellationToken cancellationToken) =>
        FirstError((await Unit(action).SubmitReportAsync(action.Day.Year, action.Report)).Errors);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (clock is not null)
        {
            await grains.GetUnit(UnitCode.Nation).RefreshAsync(subtree: true);
        }
    }

    public async Task<UnitScores?> NationAsync(int year, CancellationToken cancellationToken)
    {
        var scores = await grains.GetUnit(UnitCode.Nation).GetScoresAsync(year);
        return scores.IsSuccess ? scores.GetValue() : null;
    }

    private IUnitGrain Unit(SimulatedAction action) => grains.GetUnit(action.Unit);

    private static string? FirstError(IReadOnlyList<DomainError> errors) => errors.Count == 0 ? null : errors[0].Code;
}
