using Orleans.Concurrency;
using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// A live subscriber of one unit (the gateway, on behalf of its dashboard clients). A unit notifies
/// its watchers each time it publishes a changed subtree summary; it keeps a watcher only for
/// <see cref="UnitChange.WatchExpiry"/> unless the watcher renews, so a gateway that vanished stops
/// costing anything, and a unit nobody watches pays nothing at all.
/// </summary>
public interface IUnitWatcher : IGrainObserver
{
    /// <summary>One-way: the unit never waits for a watcher, however slow.</summary>
    [OneWay]
    Task OnUnitChangedAsync(UnitChange change);
}

/// <summary>
/// What a watched unit tells its watchers when its subtree changed: the new scores of every scored
/// year (the same <see cref="UnitScores"/> as <c>GET …/scores</c>), which parts of the subtree
/// changed how since the previous notification, and the escalations that appeared in or left its
/// list of the oldest <see cref="Rollup.EscalationListSize"/> open ones.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitChange(
    string Code,
    long Version,
    IReadOnlyList<UnitScores> Scores,
    IReadOnlyList<UnitActivity> Activity,
    IReadOnlyList<Escalation> EscalationsRaised,
    IReadOnlyList<Escalation> EscalationsResolved,
    int CurrentYear)
{
    /// <summary>How long a unit keeps a watcher that does not renew (<see cref="IUnitGrain.WatchAsync"/>).</summary>
    public static readonly TimeSpan WatchExpiry = TimeSpan.FromMinutes(2);
}
