using System.Diagnostics;
using UnitGrains.Contracts;

namespace UnitGrains.Simulation;

/// <summary>What a simulation run did: actions applied, refused (by code), and not yet due (dated after <see cref="ScenarioRunner.Until"/>).</summary>
public sealed record SimulationSummary(int Applied, IReadOnlyDictionary<string, int> FailuresByCode, TimeSpan Elapsed, UnitScores? Nation, int NotYetDue = 0);

/// <summary>Where a run is: the scenario day and the actions applied so far.</summary>
public readonly record struct SimulationProgress(DateOnly Day, int Applied, int Total);

/// <summary>
/// Replays a scenario on a target, day by day in the scenario's order: before each day the target
/// moves to it (virtual time on an in-process silo; a no-op over HTTP, where the actions carry their
/// own dates), the day's actions are applied (a unit's own actions in order, units in parallel), and
/// once a week the tree re-evaluates its deadlines so escalations follow.
/// </summary>
public sealed class ScenarioRunner(ICampaignTarget target)
{
    public ScenarioRunner(IGrainFactory grains, ManualClock clock)
        : this(new GrainCampaignTarget(grains, clock))
    {
    }

    /// <summary>How many units act at once.</summary>
    public int Parallelism { get; init; } = 64;

    /// <summary>At most this many actions a second (null: as fast as the target takes them): a gentle pace for a live dashboard, or a load level.</summary>
    public double? Rate { get; init; }

    /// <summary>
    /// The last day actions are applied for: in real time the server refuses dates in the future,
    /// so later actions are counted as not yet due instead of being sent.
    /// </summary>
    public DateOnly? Until { get; init; }

    public async Task<SimulationSummary> RunAsync(IReadOnlyList<SimulatedAction> actions, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var failures = new Dictionary<string, int>();
        var due = Until is { } until ? actions.Where(a => a.Day <= until).ToList() : actions;
        var applied = 0;
        var started = 0L;
        foreach (var day in due.GroupBy(a => a.Day).OrderBy(g => g.Key))
        {
            await target.BeginDayAsync(day.Key, cancellationToken);
            var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(day.GroupBy(a => a.Unit), options, async (unitActions, token) =>
            {
                foreach (var action in unitActions)
                {
                    await PaceAsync(Interlocked.Increment(ref started) - 1, watch, token);
                    var error = await ApplyAsync(action, token);
                    lock (failures)
                    {
                        if (error is null)
                        {
                            applied++;
                        }
                        else
                        {
                            failures[error] = failures.GetValueOrDefault(error) + 1;
                        }
                    }
                }
            });

            if (day.Key.DayOfWeek == DayOfWeek.Sunday)
            {
                await target.RefreshAsync(cancellationToken);
            }

            progress?.Report(new SimulationProgress(day.Key, applied, actions.Count));
        }

        await target.RefreshAsync(cancellationToken);
        var year = actions.Count > 0 ? actions[0].Day.Year : DateTime.UtcNow.Year;
        var nation = await target.NationAsync(year, cancellationToken);
        return new SimulationSummary(applied, failures, watch.Elapsed, nation, actions.Count - due.Count);
    }

    /// <summary>Action number <paramref name="index"/> starts no earlier than index / Rate seconds into the run.</summary>
    private async Task PaceAsync(long index, Stopwatch watch, CancellationToken cancellationToken)
    {
        if (Rate is { } rate && rate > 0)
        {
            var wait = TimeSpan.FromSeconds(index / rate) - watch.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    private Task<string?> ApplyAsync(SimulatedAction action, CancellationToken cancellationToken) => action switch
    {
        IssuePlan p => target.IssuePlanAsync(p, cancellationToken),
        CompleteTask c => target.CompleteTaskAsync(c, cancellationToken),
        SubmitReport r => target.SubmitReportAsync(r, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown simulated action."),
    };
}
