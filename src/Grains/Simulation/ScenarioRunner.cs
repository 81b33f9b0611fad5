using System.Diagnostics;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Simulation;

/// <summary>What a simulation run did.</summary>
public sealed record SimulationSummary(int Applied, IReadOnlyDictionary<string, int> FailuresByCode, TimeSpan Elapsed, UnitScores? Nation);

/// <summary>Where a run is: the virtual day and the actions applied so far.</summary>
public readonly record struct SimulationProgress(DateOnly Day, int Applied, int Total);

/// <summary>
/// Replays a scenario against the grains of an in-process cluster in virtual time: for each day the
/// campaign clock is set to 09:00 in Vietnam, the day's actions are applied (a unit's own actions in
/// order, units in parallel), and once a week the whole tree re-evaluates its deadlines — what the
/// hourly reminders do in real time — so escalations follow.
/// </summary>
public sealed class ScenarioRunner(IGrainFactory grains, ManualClock clock)
{
    public int Parallelism { get; init; } = 64;

    public async Task<SimulationSummary> RunAsync(IReadOnlyList<SimulatedAction> actions, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var failures = new Dictionary<string, int>();
        var applied = 0;
        foreach (var day in actions.GroupBy(a => a.Day).OrderBy(g => g.Key))
        {
            clock.Set(new DateTimeOffset(day.Key.ToDateTime(new TimeOnly(9, 0)), VietnamCalendar.Offset));
            var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(day.GroupBy(a => a.Unit), options, async (unitActions, _) =>
            {
                foreach (var action in unitActions)
                {
                    var errors = await ApplyAsync(action);
                    lock (failures)
                    {
                        if (errors.Count == 0)
                        {
                            applied++;
                        }
                        else
                        {
                            failures[errors[0].Code] = failures.GetValueOrDefault(errors[0].Code) + 1;
                        }
                    }
                }
            });

            if (day.Key.DayOfWeek == DayOfWeek.Sunday)
            {
                await grains.GetGrain<IUnitGrain>(UnitCode.Nation).RefreshAsync(subtree: true);
            }

            progress?.Report(new SimulationProgress(day.Key, applied, actions.Count));
        }

        await grains.GetGrain<IUnitGrain>(UnitCode.Nation).RefreshAsync(subtree: true);
        var year = actions.Count > 0 ? actions[0].Day.Year : clock.GetUtcNow().Year;
        var nation = await grains.GetGrain<IUnitGrain>(UnitCode.Nation).GetScoresAsync(year);
        return new SimulationSummary(applied, failures, watch.Elapsed, nation.IsSuccess ? nation.GetValue() : null);
    }

    private async Task<IReadOnlyList<DomainError>> ApplyAsync(SimulatedAction action)
    {
        var unit = grains.GetGrain<IUnitGrain>(action.Unit);
        var year = action.Day.Year;
        return action switch
        {
            IssuePlan p => (await unit.ImportPlanAsync(year, p.Plan, p.Tasks)).Errors,
            CompleteTask c => (await unit.CompleteTaskAsync(year, c.TaskId, c.Completion)).Errors,
            SubmitReport r => (await unit.SubmitReportAsync(year, r.Report)).Errors,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown simulated action."),
        };
    }
}
