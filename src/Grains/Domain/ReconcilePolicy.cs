namespace UnitGrains.Domain;

/// <summary>
/// The rollup protocol's healing: when a unit pulls all its children again, when it re-evaluates
/// its own counts, and what it does on its way out. Summaries travel on memory streams, which may
/// lose them; periodic pulls bound how long a loss can last.
/// </summary>
public static class ReconcilePolicy
{
    /// <summary>
    /// The first reconcile and its period, or null for a unit with no children or with reconciling
    /// off. The first one falls anywhere in half to one and a half periods, so the reconciles of
    /// thousands of units activated together spread over the interval.
    /// </summary>
    /// <param name="jitter">A number in [0, 1), drawn by the caller.</param>
    public static (TimeSpan FirstDue, TimeSpan Period)? Schedule(int reconcileSeconds, int children, double jitter)
    {
        var period = TimeSpan.FromSeconds(reconcileSeconds);
        return period <= TimeSpan.Zero || children == 0 ? null : (period * (0.5 + jitter), period);
    }

    /// <summary>
    /// What a deadline check does: the years scored change with the calendar year (start the rollup
    /// afresh over the new ones); otherwise recompute the unit's own counts, which the passing of
    /// deadlines changes without any event.
    /// </summary>
    public static ReevaluateAction Reevaluate(IReadOnlyList<int> scored, IReadOnlyList<int> configured) =>
        scored.SequenceEqual(configured) ? ReevaluateAction.RecomputeOwn : ReevaluateAction.Restart;

    /// <summary>
    /// On deactivation a unit hands over a change its parent has not heard of (the parent would
    /// otherwise learn it at its next reconcile); the nation has no parent to tell.
    /// </summary>
    public static bool PublishOnDeactivation(bool dirty, bool hasParent) => dirty && hasParent;

    /// <summary>A reconcile pulls unless the silo is stopping (children are being deactivated and cannot answer).</summary>
    public static bool PullOnReconcile(bool stopping) => !stopping;
}

/// <summary>What a deadline check does (<see cref="ReconcilePolicy.Reevaluate"/>).</summary>
public enum ReevaluateAction
{
    RecomputeOwn,
    Restart,
}
