using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains;

/// <summary>
/// The live rollup of a unit (issue: live indicator scores). Upward, a unit publishes its subtree
/// summary on its parent's stream (namespace <see cref="StreamNames.Summaries"/>, key = the
/// parent's code); the parent is subscribed implicitly, folds it into its <see cref="Rollup"/> and
/// publishes in turn, up to the nation. Downward, a parent pulls its children's summaries on
/// activation and every <see cref="RollupOptions.ReconcileSeconds"/>, which heals whatever a
/// memory stream lost. Publishing is coalesced per unit (<see cref="RollupOptions.CoalesceMilliseconds"/>)
/// so ten thousand communes changing at once do not make the nation recompute ten thousand times.
/// The rollup is derived state and is not stored: a reactivated unit rebuilds it by pulling.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Summaries)]
public sealed partial class UnitGrain : IStreamSubscriptionObserver, IRemindable
{
    private const string DeadlineReminder = "deadlines";

    private Rollup? _rollup;
    private IAsyncStream<SubtreeSummary>? _parentStream;
    private PublishSchedule? _publishSchedule;
    private readonly PullLedger _pulls = new();
    private IGrainTimer? _reconcileTimer;
    private IGrainTimer? _pullRetryTimer;
    private bool _reminderRegistered;
    private readonly Dictionary<int, ScoreTimeline> _timelines = [];

    /// <summary>The latest summaries of the units that ended into this one (<see cref="UnitProfile.CarriedCodes"/>), pulled with the children.</summary>
    private readonly Dictionary<string, SubtreeSummary> _carried = new(StringComparer.Ordinal);

    private RollupOptions Options => rollupOptions.Value;

    private PublishSchedule Schedule => _publishSchedule ??= new PublishSchedule(TimeSpan.FromMilliseconds(Options.CoalesceMilliseconds));

    private EscalationPolicy Escalations => new(Options.EscalationGraceDays);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (profile.State.Profile is not null)
        {
            await StartRollupAsync(pullChildren: true);
            QueueAllObligations();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (ReconcilePolicy.PublishOnDeactivation(_rollup is { Dirty: true }, _parentStream is not null))
        {
            await TryPublishAsync();
        }

        if (profile.State.Profile is { ParentCode: null })
        {
            // The nation's count is reported by the silo that holds it; another takes over.
            metrics.NationOpenEscalations(null);
        }
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<SubtreeSummary>().ResumeAsync((summary, _) => OnChildSummaryAsync(summary));

    private async Task OnChildSummaryAsync(SubtreeSummary summary)
    {
        if (_rollup is null || profile.State.Profile is not { } p || !p.Children.Any(c => c.Code == summary.Code))
        {
            // A summary from a unit that is not (or no longer) our child: ignore it rather than count it.
            return;
        }

        if (ApplyChildSummary(summary))
        {
            SchedulePublish();
        }
    }

    /// <summary>A new or changed profile (re-seeding may move a unit or change its children): start the rollup afresh.</summary>
    private Task OnRegisteredAsync(bool pullChildren) => StartRollupAsync(pullChildren);

    private async Task OnCampaignChangedAsync(int year)
    {
        await EnsureDeadlineReminderAsync();
        if (_rollup is null)
        {
            return;
        }

        // A year the rollup does not keep is read from the dated facts: the units above only need to know it moved.
        if (!_rollup.Years.Contains(year))
        {
            _rollup.NotePastChange(systemClock.GetUtcNow().UtcTicks);
            SchedulePublish();
        }
        else if (RecomputeOwn())
        {
            SchedulePublish();
        }
    }

    private async Task StartRollupAsync(bool pullChildren)
    {
        var p = profile.State.Profile!;
        _rollup = new Rollup(Code, Options.YearsOn(Today), p.Ancestors.Count);
        _pulls.Clear();
        _parentStream = p.ParentCode is { } parent
            ? this.GetStreamProvider(StreamNames.Provider).GetStream<SubtreeSummary>(StreamId.Create(StreamNames.Summaries, parent))
            : null;
        RecomputeOwn();
        if (pullChildren)
        {
            await PullChildrenAsync();
        }

        _reconcileTimer?.Dispose();
        _reconcileTimer = ReconcilePolicy.Schedule(Options.ReconcileSeconds, p.Children.Count, Random.Shared.NextDouble()) is { } reconcile
            ? this.RegisterGrainTimer(static (self, _) => self.ReconcileAsync(), this, new GrainTimerCreationOptions(reconcile.FirstDue, reconcile.Period))
            : null;

        await EnsureDeadlineReminderAsync();

        // Announce the (re)activated subtree: a parent that missed updates while we were away catches up.
        SchedulePublish();
    }

    /// <summary>
    /// The silo is shutting down: children being deactivated cannot answer a pull, and there is no
    /// point healing a tree about to be rebuilt from storage by the next activation.
    /// </summary>
    private bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;

    private async Task ReconcileAsync()
    {
        if (!ReconcilePolicy.PullOnReconcile(Stopping))
        {
            return;
        }

        await PullChildrenAsync();
        if (_rollup is { Dirty: true })
        {
            SchedulePublish();
        }
    }

    /// <summary>
    /// The subtree with the work carried into the unit. The units that ended change only by late
    /// entry, so their summaries are pulled — with the children's, and before every read of scores —
    /// rather than subscribed to.
    /// </summary>
    private IndicatorCounts Composed(int year)
    {
        var counts = _rollup!.Subtree(year);
        foreach (var carried in _carried.Values)
        {
            counts += carried.For(year);
        }

        return counts;
    }

    private async Task PullCarriedAsync()
    {
        if (profile.State.Profile is not { } p || !p.CarriedCodes.Any())
        {
            return;
        }

        // A unit that cannot answer leaves the last summary held; the next pull or read asks again.
        var pulled = await Task.WhenAll(p.CarriedCodes.Select(TryPullAsync));
        foreach (var (code, summary) in pulled)
        {
            if (summary is not null)
            {
                _carried[code] = summary;
            }
        }
    }

    /// <summary>Pulls every child's current summary, and those of the units carried into this one; a pulled summary is authoritative.</summary>
    private async Task PullChildrenAsync()
    {
        await PullCarriedAsync();
        if (_rollup is null || profile.State.Profile is not { Children.Count: > 0 } p)
        {
            return;
        }

        await PullAsync(p.Children.Select(c => c.Code));
    }

    /// <summary>A unit's current summary, or null (logged) when it cannot answer now.</summary>
    private async Task<(string child, SubtreeSummary? summary)> TryPullAsync(string code)
    {
        try
        {
            return (code, await GrainFactory.GetUnit(code).GetSummaryAsync());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Unit {Code} could not pull the summary of {Other}; asking again shortly", Code, code);
            return (code, null);
        }
    }

    /// <summary>Pulls the given children; those that cannot answer are asked again when <see cref="PullLedger"/> says.</summary>
    private async Task PullAsync(IEnumerable<string> children)
    {
        var pulled = await Task.WhenAll(children.Select(TryPullAsync));

        foreach (var (_, summary) in pulled)
        {
            if (summary is not null)
            {
                ApplyChildSummary(summary, authoritative: true);
            }
        }

        var retry = _pulls.Record(
            pulled.Where(p => p.summary is not null).Select(p => p.child),
            pulled.Where(p => p.summary is null).Select(p => p.child));
        if (retry is { } due)
        {
            _pullRetryTimer?.Dispose();
            _pullRetryTimer = this.RegisterGrainTimer(
                static async (self, _) =>
                {
                    if (self._pulls.OnRetryDue(self.Stopping) is { Count: > 0 } again)
                    {
                        await self.PullAsync(again);
                        self.SchedulePublish();
                    }
                },
                this,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Folds in a child's summary and, if it changed the subtree, counts it and its latency.</summary>
    private bool ApplyChildSummary(SubtreeSummary summary, bool authoritative = false)
    {
        if (!_rollup!.ApplyChild(summary, authoritative))
        {
            return false;
        }

        metrics.SummaryApplied(profile.State.Profile!.Kind, summary, systemClock.GetUtcNow());
        return true;
    }
}
