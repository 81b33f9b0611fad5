using Orleans.Concurrency;

namespace UnitGrains.Contracts;

/// <summary>Live watchers of a unit's subtree (a gateway's feed): registered, renewed, dropped.</summary>
public interface IUnitWatchGrain : IGrainWithStringKey
{
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
}
