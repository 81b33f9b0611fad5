namespace UnitGrains.Domain;

/// <summary>
/// When a unit publishes its summary to its parent (the rollup protocol's upward half), decided
/// from the clock alone. A change is never published inside the turn that made it — the write is
/// acknowledged without waiting for the stream — but in a turn of its own (one timer per unit):
/// a lone change goes out at once (the leading edge), changes within the coalescing interval of the
/// last publish leave together at its end (the trailing edge), a change while a publish is already
/// due rides on it, and a publish the stream refused is retried shortly with whatever changed
/// meanwhile (the summary is state, not a delta). The grain arms the timer this says and reports
/// back what happened.
/// </summary>
public sealed class PublishSchedule(TimeSpan coalesce)
{
    /// <summary>
    /// How long a lone change waits: long enough for the timer queue to fire the publishes of many
    /// units together (docs/benchmarks.md), short enough to be "at once".
    /// </summary>
    public static readonly TimeSpan LeadingEdge = TimeSpan.FromMilliseconds(1);

    /// <summary>How long a publish the stream refused waits before it is tried again.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private DateTimeOffset _lastPublish = DateTimeOffset.MinValue;

    /// <summary>A publish is due: the timer is armed, and changes until it fires ride on it.</summary>
    public bool Pending { get; private set; }

    /// <summary>
    /// The summary may have changed: the delay to arm the publish timer with, or null when there is
    /// nothing to publish or a publish is already due.
    /// </summary>
    public TimeSpan? OnChange(DateTimeOffset now, bool dirty)
    {
        if (!dirty || Pending)
        {
            return null;
        }

        Pending = true;
        var sinceLast = now - _lastPublish;
        return coalesce <= TimeSpan.Zero || sinceLast >= coalesce ? LeadingEdge : coalesce - sinceLast;
    }

    /// <summary>The timer fired: the grain publishes now.</summary>
    public void OnDue() => Pending = false;

    /// <summary>A summary was taken for publishing at <paramref name="now"/>: the next interval starts.</summary>
    public void OnPublished(DateTimeOffset now) => _lastPublish = now;

    /// <summary>The stream refused the summary: the delay to arm the timer with for the retry (none when one is already due).</summary>
    public TimeSpan? OnPublishFailed()
    {
        if (Pending)
        {
            return null;
        }

        Pending = true;
        return RetryAfterFailure;
    }
}
