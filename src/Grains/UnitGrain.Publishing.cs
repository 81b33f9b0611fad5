using Microsoft.Extensions.Logging;
using UnitGrains.Domain;

namespace UnitGrains;

/// <summary>
/// The upward half of the rollup: publishing the unit's summary on its parent's stream when
/// <see cref="PublishSchedule"/> says, telling the watchers, and keeping the score's recent moves.
/// </summary>
public sealed partial class UnitGrain
{
    private IGrainTimer? _publishTimer;

    /// <summary>Asks the schedule whether a change should be published, and arms the timer it names.</summary>
    private void SchedulePublish()
    {
        if (Schedule.OnChange(systemClock.GetUtcNow(), _rollup is { Dirty: true }) is { } due)
        {
            ArmPublishTimer(due);
        }
    }

    /// <summary>
    /// One timer per activation, re-armed for each publish rather than registered anew: a unit
    /// publishes after nearly every change, and registering a timer each time (an allocation and
    /// the timer queue's lock) showed in the profile of the event path.
    /// </summary>
    private void ArmPublishTimer(TimeSpan due)
    {
        if (_publishTimer is null)
        {
            _publishTimer = this.RegisterGrainTimer(
                static async (self, _) =>
                {
                    self.Schedule.OnDue();
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
        if (!await TryPublishAsync() && Schedule.OnPublishFailed() is { } retry)
        {
            // The queue refused (full, or the provider is down): the change is kept, and the retry
            // carries everything that happened meanwhile.
            ArmPublishTimer(retry);
        }
    }

    private async Task<bool> TryPublishAsync()
    {
        var now = systemClock.GetUtcNow();
        var summary = _rollup!.Publish(now.UtcTicks);
        Schedule.OnPublished(now);
        RecordRecent();
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

    /// <summary>The recent moves of the years still under way (the older ones change only by late entry, which history shows by its dates).</summary>
    private void RecordRecent()
    {
        var at = time.GetUtcNow();
        var today = Today;
        var years = _rollup!.Years;
        for (var i = 0; i < years.Count; i++)
        {
            if (!EscalationPolicy.Chases(years[i], today))
            {
                continue;
            }

            if (!_timelines.TryGetValue(years[i], out var timeline))
            {
                _timelines[years[i]] = timeline = new ScoreTimeline();
            }

            timeline.Record(at, Indicators.From(Composed(years[i]), Options.Weights).Score);
        }
    }
}
