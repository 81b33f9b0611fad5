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

    private static readonly TimeSpan RetryAfterFailedPublish = TimeSpan.FromSeconds(1);

    private Rollup? _rollup;
    private IAsyncStream<SubtreeSummary>? _parentStream;
    private IGrainTimer? _publishTimer;

    /// <summary>The publish timer is armed: changes until it fires ride on that publish.</summary>
    private bool _publishPending;

    private IGrainTimer? _reconcileTimer;
    private IGrainTimer? _pullRetryTimer;
    private readonly HashSet<string> _unpulled = [];
    private DateTimeOffset _lastPublish = DateTimeOffset.MinValue;
    private bool _reminderRegistered;
    private readonly Dictionary<int, ScoreTimeline> _timelines = [];

    private RollupOptions Options => rollupOptions.Value;

    private EscalationPolicy Escalations => new(Options.EscalationGraceDays);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (year, daily) in history.State.Daily)
        {
            _timelines[year] = new ScoreTimeline(daily);
        }

        if (profile.State.Profile is not null)
        {
            await StartRollupAsync(pullChildren: true);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Hand over anything not yet told: the parent would otherwise learn it only at its next reconcile.
        if (_rollup is { Dirty: true } && _parentStream is not null)
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

    public Task<SubtreeSummary?> GetSummaryAsync() =>
        Task.FromResult(_rollup?.Current(systemClock.GetUtcNow().UtcTicks));

    public Task<Outcome<UnitScores>> GetScoresAsync(int? requestedYear)
    {
        var year = requestedYear ?? Today.Year;
        if (_rollup is null || profile.State.Profile is not { } p)
        {
            return Task.FromResult<Outcome<UnitScores>>(DomainError.NotFound("unit_not_found", $"There is no unit '{Code}'."));
        }

        if (!_rollup.Years.Contains(year))
        {
            return Task.FromResult<Outcome<UnitScores>>(NotScored(year));
        }

        var summary = _rollup.Current(systemClock.GetUtcNow().UtcTicks);
        return Task.FromResult<Outcome<UnitScores>>(ScoresOf(p, year, summary.Version, time.GetUtcNow()));
    }

    private UnitScores ScoresOf(UnitProfile p, int year, long version, DateTimeOffset at) => new(
        Code,
        p.Name,
        year,
        version,
        at,
        Indicators.From(_rollup!.Own(year), Options.Weights),
        Indicators.From(_rollup.Subtree(year), Options.Weights));

    public Task<Outcome<IReadOnlyList<ChildScore>>> GetChildrenScoresAsync(int? requestedYear)
    {
        var year = requestedYear ?? Today.Year;
        if (_rollup is null || profile.State.Profile is not { } p)
        {
            return Task.FromResult<Outcome<IReadOnlyList<ChildScore>>>(DomainError.NotFound("unit_not_found", $"There is no unit '{Code}'."));
        }

        if (!_rollup.Years.Contains(year))
        {
            return Task.FromResult<Outcome<IReadOnlyList<ChildScore>>>(NotScored(year));
        }

        var scored = p.Children
            .Select(child => (child, indicators: Indicators.From(_rollup.ChildCounts(child.Code, year), Options.Weights)))
            .ToList();
        var ranked = Ranking.Rank(scored.Select(s => (s.child, s.indicators)));
        return Task.FromResult(Outcome<IReadOnlyList<ChildScore>>.Success(ranked));
    }

    public Task<Outcome<ScoreHistory>> GetHistoryAsync(int? requestedYear)
    {
        var year = requestedYear ?? Today.Year;
        if (_rollup is null)
        {
            return Task.FromResult<Outcome<ScoreHistory>>(DomainError.NotFound("unit_not_found", $"There is no unit '{Code}'."));
        }

        if (CampaignYear.Check(year) is { } invalid)
        {
            return Task.FromResult<Outcome<ScoreHistory>>(invalid);
        }

        var timeline = _timelines.GetValueOrDefault(year);
        var daily = timeline?.Daily.OrderBy(d => d.Key)
            .Select(d => new ScorePoint(new DateTimeOffset(d.Key.ToDateTime(TimeOnly.MinValue), VietnamCalendar.Offset), d.Value))
            .ToList() ?? [];
        var recent = timeline?.Recent.Select(r => new ScorePoint(r.At, r.Score)).ToList() ?? [];
        return Task.FromResult<Outcome<ScoreHistory>>(new ScoreHistory(Code, year, daily, recent));
    }

    /// <summary>How deep a page of escalations may reach (offset + limit).</summary>
    public const int MaxEscalationDepth = 10_000;

    public async Task<Outcome<EscalationPage>> GetEscalationsAsync(PageRequest page)
    {
        if (_rollup is null)
        {
            return DomainError.NotFound("unit_not_found", $"There is no unit '{Code}'.");
        }

        var checkedPage = page.Check(MaxEscalationDepth);
        if (!checkedPage.IsSuccess)
        {
            return Outcome<EscalationPage>.Failure(checkedPage.Errors);
        }

        var oldest = await GetOldestEscalationsAsync(page.End);
        return new EscalationPage([.. oldest.Skip(page.Offset)], _rollup.OpenEscalations);
    }

    public async Task<IReadOnlyList<Escalation>> GetOldestEscalationsAsync(int count)
    {
        if (_rollup is null)
        {
            return [];
        }

        // Downward calls only, and only into children whose summary list was cut short.
        var asked = await Task.WhenAll(_rollup.ChildrenToAsk(count).Select(async child =>
            (child, list: await GrainFactory.GetUnit(child).GetOldestEscalationsAsync(count))));
        return _rollup.Oldest(count, asked.ToDictionary(a => a.child, a => a.list));
    }

    public async Task RefreshAsync(bool subtree)
    {
        if (profile.State.Profile is not { } p || _rollup is null)
        {
            return;
        }

        if (subtree)
        {
            // Downward calls only: children never call their parent, so this cannot deadlock.
            await Task.WhenAll(p.Children.Select(c => GrainFactory.GetUnit(c.Code).RefreshAsync(subtree: true)));
        }

        await ReevaluateAsync();
        await PullChildrenAsync();
        if (_rollup.Dirty)
        {
            await PublishNowAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == DeadlineReminder)
        {
            await ReevaluateAsync();
        }
    }

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

    private async Task OnCampaignChangedAsync()
    {
        await EnsureDeadlineReminderAsync();
        if (_rollup is not null && RecomputeOwn())
        {
            SchedulePublish();
        }
    }

    private async Task StartRollupAsync(bool pullChildren)
    {
        var p = profile.State.Profile!;
        _rollup = new Rollup(Code, Options.YearsOn(Today));
        _parentStream = p.ParentCode is { } parent
            ? this.GetStreamProvider(StreamNames.Provider).GetStream<SubtreeSummary>(StreamId.Create(StreamNames.Summaries, parent))
            : null;
        RecomputeOwn();
        if (pullChildren)
        {
            await PullChildrenAsync();
        }

        var reconcile = TimeSpan.FromSeconds(Options.ReconcileSeconds);
        _reconcileTimer?.Dispose();
        _reconcileTimer = null;
        if (reconcile > TimeSpan.Zero && p.Children.Count > 0)
        {
            // Jitter spreads the reconciles of thousands of units over the interval.
            var due = reconcile * (0.5 + Random.Shared.NextDouble());
            _reconcileTimer = this.RegisterGrainTimer(static (self, _) => self.ReconcileAsync(), this, new GrainTimerCreationOptions(due, reconcile));
        }

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
        if (Stopping)
        {
            return;
        }

        await PullChildrenAsync();
        if (_rollup is { Dirty: true })
        {
            SchedulePublish();
        }
    }

    /// <summary>Pulls every child's current summary; a pulled summary is authoritative.</summary>
    private async Task PullChildrenAsync()
    {
        if (_rollup is null || profile.State.Profile is not { Children.Count: > 0 } p)
        {
            return;
        }

        await PullAsync(p.Children.Select(c => c.Code));
    }

    /// <summary>
    /// Pulls the given children. One that cannot answer (its silo died, it was deactivating) must
    /// not keep the others from being pulled, and is a known gap: it is asked again shortly rather
    /// than at the next reconcile, which may be a minute away.
    /// </summary>
    private async Task PullAsync(IEnumerable<string> children)
    {
        var pulled = await Task.WhenAll(children.Select(async child =>
        {
            try
            {
                return (child, summary: await GrainFactory.GetUnit(child).GetSummaryAsync());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Unit {Code} could not pull the summary of {Child}; asking again shortly", Code, child);
                return (child, summary: (SubtreeSummary?)null);
            }
        }));

        foreach (var (_, summary) in pulled)
        {
            if (summary is not null)
            {
                ApplyChildSummary(summary, authoritative: true);
            }
        }

        _unpulled.UnionWith(pulled.Where(p => p.summary is null).Select(p => p.child));
        _unpulled.ExceptWith(pulled.Where(p => p.summary is not null).Select(p => p.child));
        if (_unpulled.Count > 0 && _pullRetryTimer is null)
        {
            _pullRetryTimer = this.RegisterGrainTimer(
                static async (self, _) =>
                {
                    self._pullRetryTimer?.Dispose();
                    self._pullRetryTimer = null;
                    if (self.Stopping)
                    {
                        return;
                    }

                    await self.PullAsync([.. self._unpulled]);
                    self.SchedulePublish();
                },
                this,
                new GrainTimerCreationOptions(RetryAfterFailedPublish, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Deadlines pass without any event: re-evaluate own counts and escalations on the campaign clock.</summary>
    private async Task ReevaluateAsync()
    {
        if (_rollup is null)
        {
            return;
        }

        if (!_rollup.Years.SequenceEqual(Options.YearsOn(Today)))
        {
            // A new year: start a fresh rollup over the new scored years.
            await StartRollupAsync(pullChildren: true);
            return;
        }

        if (RecomputeOwn())
        {
            SchedulePublish();
        }
    }

    private bool RecomputeOwn()
    {
        var p = profile.State.Profile!;
        var today = Today;
        // Indexed, and a list of escalations only when there are some: this runs on every event.
        var years = _rollup!.Years;
        var own = new IndicatorCounts[years.Count];
        List<Escalation>? escalations = null;
        for (var i = 0; i < years.Count; i++)
        {
            var campaign = campaigns.State.Years.GetValueOrDefault(years[i]);
            var open = campaign is null ? [] : Escalations.Of(Code, campaign, today, p.Ancestors.Count);
            if (open.Count > 0)
            {
                (escalations ??= []).AddRange(open);
            }

            own[i] = IndicatorCounts.Own(years[i], campaign, p.ExpectsPlan, today, open.Count);
        }

        return _rollup.SetOwn(own, escalations ?? (IReadOnlyList<Escalation>)[], systemClock.GetUtcNow());
    }

    /// <summary>
    /// A lone change waits this long before it is published. Due at zero, the publish turn ran
    /// straight after the write and the event rate stayed where it was when the write awaited it
    /// (10.6k–11.0k vs 15.3k–16.3k events/s at 1 ms, alternating runs in one session); a millisecond
    /// lets the timer queue fire the publishes of many units together.
    /// </summary>
    private static readonly TimeSpan LeadingEdgeDelay = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Publishes the summary if it changed, never inside the turn that changed it: the write that
    /// caused it is acknowledged without waiting for the stream's queue, and the publish runs in a
    /// turn of its own (a timer) that carries whatever else changed meanwhile.
    /// </summary>
    private void SchedulePublish()
    {
        if (_rollup is not { Dirty: true })
        {
            return;
        }

        var interval = TimeSpan.FromMilliseconds(Options.CoalesceMilliseconds);
        var sinceLast = systemClock.GetUtcNow() - _lastPublish;

        // Leading edge: a lone change goes out almost at once. Trailing edge: changes
        // within the interval are folded into one publish at its end.
        SchedulePublishTimer(interval <= TimeSpan.Zero || sinceLast >= interval ? LeadingEdgeDelay : interval - sinceLast);
    }

    /// <summary>
    /// One timer per activation, re-armed for each publish rather than registered anew: a unit
    /// publishes after nearly every change, and registering a timer each time (an allocation and
    /// the timer queue's lock) showed in the profile of the event path.
    /// </summary>
    private void SchedulePublishTimer(TimeSpan due)
    {
        if (_publishPending)
        {
            return;
        }

        _publishPending = true;
        if (_publishTimer is null)
        {
            _publishTimer = this.RegisterGrainTimer(
                static async (self, _) =>
                {
                    self._publishPending = false;
                    await self.PublishNowAsync();
                },
                this,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _publishTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task PublishNowAsync()
    {
        if (!await TryPublishAsync())
        {
            // The queue refused (full, or the provider is down): keep the change and try again
            // shortly. The summary is state, so the retry carries everything that happened meanwhile.
            SchedulePublishTimer(RetryAfterFailedPublish);
        }
    }

    private async Task<bool> TryPublishAsync()
    {
        var now = systemClock.GetUtcNow();
        var summary = _rollup!.Publish(now.UtcTicks);
        _lastPublish = now;
        await RecordHistoryAsync();
        await NotifyWatchersAsync(summary);
        if (_parentStream is null)
        {
            metrics.NationOpenEscalations(_rollup.OpenEscalations);
            return true;
        }

        try
        {
            await _parentStream.OnNextAsync(summary);
            metrics.SummaryPublished(profile.State.Profile!.Kind);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Unit {Code} could not publish its summary; retrying", Code);
            _rollup.MarkDirty(summary.ChangedAt);
            return false;
        }
    }

    private async Task RecordHistoryAsync()
    {
        var at = time.GetUtcNow();
        var day = VietnamCalendar.Today(time);
        var newDay = false;
        var years = _rollup!.Years;
        for (var i = 0; i < years.Count; i++)
        {
            var year = years[i];
            if (!_timelines.TryGetValue(year, out var timeline))
            {
                _timelines[year] = timeline = new ScoreTimeline(history.State.Daily[year] = []);
            }

            newDay |= timeline.Record(at, day, Indicators.From(_rollup.Subtree(year), Options.Weights).Score);
        }

        if (newDay)
        {
            // The daily series is stored once a day per unit; a crash loses at most today's last value.
            await history.WriteStateAsync();
        }
    }

    private async Task EnsureDeadlineReminderAsync()
    {
        if (_reminderRegistered || campaigns.State.Years.Count == 0)
        {
            return;
        }

        var period = TimeSpan.FromMinutes(Math.Max(1, Options.DeadlineCheckMinutes));
        await this.RegisterOrUpdateReminder(DeadlineReminder, period, period);
        _reminderRegistered = true;
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

    /// <summary>A year that is no campaign year at all is the caller's mistake (400); a campaign year not scored is a 404.</summary>
    private static DomainError NotScored(int year) =>
        CampaignYear.Check(year)
        ?? DomainError.NotFound("year_not_scored", $"Scores are kept for the configured campaign years; {year} is not one of them (UnitGrains:Rollup:Years).");
}
