using UnitGrains.Contracts;

namespace UnitGrains.Simulation;

/// <summary>
/// Where a simulated campaign is carried out: the grains of a cluster or a gateway over HTTP. The
/// scenario decides what happens; a target only does it and says whether it was refused.
/// Each method returns null when the action was applied, else the code of the refusal.
/// </summary>
public interface ICampaignTarget
{
    /// <summary>Called before the actions of <paramref name="day"/>: a target in virtual time moves its clock there.</summary>
    Task BeginDayAsync(DateOnly day, CancellationToken cancellationToken);

    Task<string?> IssuePlanAsync(IssuePlan action, CancellationToken cancellationToken);

    Task<string?> CompleteTaskAsync(CompleteTask action, CancellationToken cancellationToken);

    Task<string?> SubmitReportAsync(SubmitReport action, CancellationToken cancellationToken);

    /// <summary>Has the tree re-evaluate its deadlines (what the hourly reminders do in real time); a no-op where real time passes.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);

    /// <summary>The nation's scores for the year, or null when they cannot be read.</summary>
    Task<UnitScores?> NationAsync(int year, CancellationToken cancellationToken);
}
