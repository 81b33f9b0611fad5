using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains;

/// <summary>
/// Deadlines pass without events: an Orleans reminder (<c>deadlines</c>) re-evaluates a unit with
/// campaigns on the campaign clock, and <see cref="RefreshAsync"/> does it on demand for a whole
/// subtree. Either recomputes the unit's own counts and escalations, which the rollup then publishes.
/// </summary>
public sealed partial class UnitGrain
{
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

    /// <summary>Deadlines pass without any event: re-evaluate own counts and escalations on the campaign clock.</summary>
    private async Task ReevaluateAsync()
    {
        if (_rollup is null)
        {
            return;
        }

        if (ReconcilePolicy.Reevaluate(_rollup.Years, Options.YearsOn(Today)) == ReevaluateAction.Restart)
        {
            await StartRollupAsync(pullChildren: true);
            return;
        }

        if (RecomputeOwn())
        {
            SchedulePublish();
        }
    }

    /// <summary>The day own counts were last worked out: a unit that owes without doing anything has no event nor reminder to recount it, so a pull on a later day does.</summary>
    private DateOnly _evaluatedOn;

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
            var duty = DutyOf(years[i]);
            var open = OwnCounts.OpenEscalations(p, duty, campaign, today, Escalations, duties.State.Acknowledged);
            if (open.Count > 0)
            {
                (escalations ??= []).AddRange(open);
            }

            own[i] = OwnCounts.On(duty, campaign, today, open.Count);
        }

        _evaluatedOn = today;
        return _rollup.SetOwn(own, escalations ?? (IReadOnlyList<Escalation>)[], systemClock.GetUtcNow());
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
}
