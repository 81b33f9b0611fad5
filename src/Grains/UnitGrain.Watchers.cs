using Orleans.Utilities;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains;

/// <summary>
/// Live watchers of a unit (dashboards, through the gateway). Watchers are Orleans grain observers
/// held in an <see cref="ObserverManager{TObserver}"/> that forgets them after
/// <see cref="UnitChange.WatchExpiry"/> without renewal. Everything here is allocated only while
/// someone watches: an unwatched unit keeps no baseline and computes no activity.
/// </summary>
public sealed partial class UnitGrain
{
    private ObserverManager<IUnitWatcher>? _watchers;

    /// <summary>The counts per part of the subtree (own + each child) at the last notification.</summary>
    private Dictionary<string, IReadOnlyList<YearCounts>>? _watchBaseline;

    private IReadOnlyList<Escalation> _watchedEscalations = [];

    public async Task<long?> WatchAsync(IUnitWatcher watcher)
    {
        if (_rollup is null || profile.State.Profile is null)
        {
            DeactivateOnIdle();
            return null;
        }

        _watchers ??= new ObserverManager<IUnitWatcher>(UnitChange.WatchExpiry, logger);
        _watchers.Subscribe(watcher, watcher);
        if (_watchBaseline is null)
        {
            _watchBaseline = SubtreeParts();
            _watchedEscalations = await ReachingHereAsync();
        }

        return _rollup.Current(systemClock.GetUtcNow().UtcTicks).Version;
    }

    public Task UnwatchAsync(IUnitWatcher watcher)
    {
        _watchers?.Unsubscribe(watcher);
        ForgetWatchersIfNone();
        return Task.CompletedTask;
    }

    public Task<int> GetWatcherCountAsync()
    {
        _watchers?.ClearExpired();
        ForgetWatchersIfNone();
        return Task.FromResult(_watchers?.Count ?? 0);
    }

    /// <summary>Called where the unit publishes its summary: tells the watchers what changed, without waiting for them.</summary>
    private async Task NotifyWatchersAsync(SubtreeSummary summary)
    {
        if (_watchers is null || _watchBaseline is null || profile.State.Profile is not { } p)
        {
            return;
        }

        var parts = SubtreeParts();
        var names = p.Children.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        names[Code] = p.Name;
        var activity = UnitActivity.Between(_watchBaseline, parts, code => names.GetValueOrDefault(code));
        // What has reached this unit, by id: one that rose into it is raised here, one that only
        // rose further is neither new nor resolved.
        var reaching = await ReachingHereAsync();
        var raised = reaching.ExceptBy(_watchedEscalations.Select(e => e.Id), e => e.Id).ToList();
        var resolved = _watchedEscalations.ExceptBy(reaching.Select(e => e.Id), e => e.Id).ToList();
        _watchBaseline = parts;
        _watchedEscalations = reaching;

        var now = time.GetUtcNow();
        var scores = _rollup!.Years.Select(year => ScoresOf(p, year, summary.Version, now)).ToList();
        var change = new UnitChange(Code, summary.Version, scores, activity, raised, resolved, Today.Year);

        // One-way calls: a watcher that is gone throws here at most and is dropped by the manager.
        await _watchers.Notify(watcher => watcher.OnUnitChangedAsync(change));
        ForgetWatchersIfNone();
    }

    /// <summary>How many of the escalations that reached a watched unit its watchers are told of.</summary>
    private const int WatchedEscalations = MaxEscalationDepth;

    /// <summary>
    /// The escalations that have reached this unit, read through the tree (the summaries carry only
    /// the oldest, and those are what rose long ago): only while someone watches, and downward only.
    /// </summary>
    private async Task<IReadOnlyList<Escalation>> ReachingHereAsync() =>
        (await GetMatchingEscalationsAsync(new EscalationFilter(profile.State.Profile!.Ancestors.Count), WatchedEscalations)).Oldest;

    private void ForgetWatchersIfNone()
    {
        if (_watchers is { Count: 0 })
        {
            _watchers = null;
            _watchBaseline = null;
            _watchedEscalations = [];
        }
    }

    private Dictionary<string, IReadOnlyList<YearCounts>> SubtreeParts()
    {
        var rollup = _rollup!;
        var parts = new Dictionary<string, IReadOnlyList<YearCounts>>(StringComparer.Ordinal) { [Code] = ByYear(rollup.Own) };
        foreach (var child in rollup.ChildCodes)
        {
            parts[child] = ByYear(year => rollup.ChildCounts(child, year));
        }

        return parts;

        IReadOnlyList<YearCounts> ByYear(Func<int, IndicatorCounts> counts) => [.. rollup.Years.Select(y => new YearCounts(y, counts(y)))];
    }
}
