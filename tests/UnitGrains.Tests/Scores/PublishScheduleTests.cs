using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

/// <summary>When a unit publishes its summary: leading edge, trailing edge, riding on a due publish, retry after a refusal.</summary>
public class PublishScheduleTests
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(50);

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lone_change_goes_out_at_once_but_in_a_turn_of_its_own()
    {
        var schedule = new PublishSchedule(Coalesce);

        Assert.Equal(PublishSchedule.LeadingEdge, schedule.OnChange(T0, dirty: true));
        Assert.True(schedule.Pending);
    }

    [Fact]
    public void Nothing_to_publish_arms_nothing()
    {
        var schedule = new PublishSchedule(Coalesce);

        Assert.Null(schedule.OnChange(T0, dirty: false));
        Assert.False(schedule.Pending);
    }

    [Fact]
    public void Changes_while_a_publish_is_due_ride_on_it()
    {
        var schedule = new PublishSchedule(Coalesce);
        schedule.OnChange(T0, dirty: true);

        Assert.Null(schedule.OnChange(T0.AddMilliseconds(0.5), dirty: true));
        Assert.Null(schedule.OnChange(T0.AddMilliseconds(0.9), dirty: true));
    }

    [Fact]
    public void A_change_within_the_interval_of_the_last_publish_leaves_at_its_end()
    {
        var schedule = new PublishSchedule(Coalesce);
        schedule.OnChange(T0, dirty: true);
        schedule.OnDue();
        schedule.OnPublished(T0.AddMilliseconds(1));

        var due = schedule.OnChange(T0.AddMilliseconds(21), dirty: true);

        Assert.Equal(TimeSpan.FromMilliseconds(30), due);
    }

    [Fact]
    public void A_change_after_the_interval_is_a_leading_edge_again()
    {
        var schedule = new PublishSchedule(Coalesce);
        schedule.OnChange(T0, dirty: true);
        schedule.OnDue();
        schedule.OnPublished(T0);

        Assert.Equal(PublishSchedule.LeadingEdge, schedule.OnChange(T0.AddMilliseconds(50), dirty: true));
    }

    [Fact]
    public void Without_coalescing_every_change_is_a_leading_edge()
    {
        var schedule = new PublishSchedule(TimeSpan.Zero);
        schedule.OnChange(T0, dirty: true);
        schedule.OnDue();
        schedule.OnPublished(T0);

        Assert.Equal(PublishSchedule.LeadingEdge, schedule.OnChange(T0, dirty: true));
    }

    [Fact]
    public void A_refused_publish_is_retried_after_a_second_and_later_changes_ride_on_the_retry()
    {
        var schedule = new PublishSchedule(Coalesce);
        schedule.OnChange(T0, dirty: true);
        schedule.OnDue();
        schedule.OnPublished(T0);

        Assert.Equal(PublishSchedule.RetryAfterFailure, schedule.OnPublishFailed());
        Assert.True(schedule.Pending);
        Assert.Null(schedule.OnChange(T0.AddMilliseconds(200), dirty: true));
        Assert.Null(schedule.OnPublishFailed());
    }
}
