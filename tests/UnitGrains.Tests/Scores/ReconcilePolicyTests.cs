using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

/// <summary>The rollup's healing decisions: when to reconcile, what a deadline check does, what to hand over on deactivation.</summary>
public class ReconcilePolicyTests
{
    [Theory]
    [InlineData(0.0, 30)]
    [InlineData(0.5, 60)]
    [InlineData(0.999, 89.94)]
    public void The_first_reconcile_falls_within_half_to_one_and_a_half_periods(double jitter, double firstSeconds)
    {
        var (first, period) = ReconcilePolicy.Schedule(60, children: 5, jitter)!.Value;

        Assert.Equal(TimeSpan.FromSeconds(60), period);
        Assert.Equal(firstSeconds, first.TotalSeconds, 2);
    }

    [Theory]
    [InlineData(60, 0)]
    [InlineData(0, 5)]
    [InlineData(-1, 5)]
    public void A_leaf_or_a_unit_with_reconciling_off_never_reconciles(int seconds, int children)
    {
        Assert.Null(ReconcilePolicy.Schedule(seconds, children, 0.3));
    }

    [Fact]
    public void A_deadline_check_recomputes_own_counts_within_the_scored_years_and_restarts_when_they_change()
    {
        Assert.Equal(ReevaluateAction.RecomputeOwn, ReconcilePolicy.Reevaluate([2025, 2026], [2025, 2026]));
        Assert.Equal(ReevaluateAction.Restart, ReconcilePolicy.Reevaluate([2025, 2026], [2026, 2027]));
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public void On_deactivation_only_an_unpublished_change_with_a_parent_to_tell_is_handed_over(bool dirty, bool hasParent, bool publish)
    {
        Assert.Equal(publish, ReconcilePolicy.PublishOnDeactivation(dirty, hasParent));
    }

    [Fact]
    public void A_stopping_silo_does_not_pull_on_reconcile()
    {
        Assert.True(ReconcilePolicy.PullOnReconcile(stopping: false));
        Assert.False(ReconcilePolicy.PullOnReconcile(stopping: true));
    }
}
