using UnitGrains.Domain;
using UnitGrains.Tests.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Scores;

/// <summary><see cref="EscalationPolicy"/>: when an overdue item escalates, how far up it has risen, and what is open.</summary>
public class EscalationPolicyTests
{
    private static readonly DateOnly Deadline = D(2022, 3, 31);

    private static readonly EscalationPolicy Policy = EscalationPolicy.Default;

    private static int Level(int daysAfterDeadline, int maxLevel = 10, EscalationPolicy? policy = null) =>
        (policy ?? Policy).LevelOn(Deadline, Deadline.AddDays(daysAfterDeadline), maxLevel);

    [Fact]
    public void The_default_grace_period_is_15_days()
    {
        Assert.Equal(15, EscalationPolicy.Default.GraceDays);
    }

    [Theory]
    [InlineData(-30, 0)]
    [InlineData(-1, 0)]
    [InlineData(0, 0)]   // on the deadline: not late yet
    [InlineData(1, 1)]   // the day after: the parent is notified
    [InlineData(15, 1)]  // still within the first grace period
    [InlineData(16, 2)]  // the grandparent
    [InlineData(30, 2)]
    [InlineData(31, 3)]
    [InlineData(46, 4)]
    [InlineData(365, 25)]
    public void The_level_rises_one_step_every_grace_period(int daysLate, int level)
    {
        Assert.Equal(level, Level(daysLate, maxLevel: 100));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    [InlineData(15, 3)]
    public void The_grace_period_is_configurable(int daysLate, int level)
    {
        Assert.Equal(level, Level(daysLate, policy: new EscalationPolicy(GraceDays: 7)));
    }

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(16, 3, 2)]
    [InlineData(31, 3, 3)]
    [InlineData(365, 3, 3)]  // a commune (3 ancestors): never above the nation
    [InlineData(365, 1, 1)]  // a province: the nation at most
    [InlineData(365, 0, 0)]  // the nation escalates to no one
    [InlineData(0, 3, 0)]
    public void The_level_is_capped_by_the_number_of_ancestors(int daysLate, int maxLevel, int level)
    {
        Assert.Equal(level, Level(daysLate, maxLevel));
    }

    private static readonly Plan Plan = Samples.Plan();

    private static CampaignTask Task(string id, DateOnly due) => Samples.Task(id, due);

    /// <summary>A unit <paramref name="depth"/> levels below the nation, obliged to the sample plan's regime; it owes no plan of its own, so only tasks and reports escalate.</summary>
    private static IReadOnlyList<Escalation> Open(Campaign campaign, DateOnly today, int depth) =>
        Policy.Of(UnitAt("70", depth), campaign.DutyOf(expectsPlan: false), campaign, today);

    internal static UnitProfile UnitAt(string code, int depth) =>
        new(code, $"Đơn vị {code}", UnitKind.Commune, "commune", depth == 0 ? null : "P", [.. Enumerable.Range(0, depth).Select(i => new UnitRef(i == 0 ? "VN" : $"A{i}", $"Cấp {i}", i == 0 ? UnitKind.Nation : UnitKind.Province))], [], null, null, "test");

    [Fact]
    public void Of_lists_overdue_assigned_tasks_and_missing_reports_oldest_first()
    {
        var today = D(2022, 5, 10);
        var campaign = new Campaign(
            Samples.Year,
            Plan,
            [
                Task("T1", D(2022, 3, 31)),                                                 // overdue, planned
                Expect.Ok(Task("T2", D(2022, 2, 28)).Start(D(2022, 2, 1))),                // overdue, in progress
                Task("T3", D(2022, 5, 10)),                                                 // due today: not overdue
                Task("T4", D(2022, 1, 31)) with { Obligation = Obligation.Requested },      // requested: never escalates
                Expect.Ok(Task("T5", D(2022, 1, 31)).Complete(Samples.Articles(24, D(2022, 2, 3)), Plan.Period, today)), // done late: resolved
                Expect.Ok(Task("T6", D(2022, 1, 31)).Cancel("bỏ", D(2022, 1, 10))),       // cancelled
            ],
            [],
            7);

        var open = Open(campaign, today, depth: 10);

        // Q1 report (due 5 March) is missing; Q2, H1… are not yet due.
        Assert.Equal(
            [
                new Escalation("70", 2022, "task:T2", Samples.Task().Title, D(2022, 2, 28), 5, 10), // 71 days late
                new Escalation("70", 2022, "report:2022-Q1", "Báo cáo 2022-Q1", D(2022, 3, 5), 5, 10), // 66 days late
                new Escalation("70", 2022, "task:T1", Samples.Task().Title, D(2022, 3, 31), 3, 10), // 40 days late
            ],
            open);
        Assert.Equal(["70/2022/task:T2", "70/2022/report:2022-Q1", "70/2022/task:T1"], open.Select(e => e.Id));
    }

    [Fact]
    public void Of_caps_levels_by_the_number_of_ancestors()
    {
        var campaign = new Campaign(Samples.Year, Plan, [Task("T1", D(2022, 1, 31))], [], 2);

        var open = Open(campaign, D(2022, 12, 31), depth: 1);

        Assert.All(open, e => Assert.Equal(1, e.Level));
        Assert.Contains(open, e => e.Item == "task:T1");
    }

    [Fact]
    public void A_report_submitted_late_or_a_task_done_late_no_longer_escalates()
    {
        var today = D(2022, 5, 10);
        var campaign = new Campaign(Samples.Year, Plan, [Task("T1", D(2022, 3, 31))], [], 2);
        Assert.Equal(2, Open(campaign, today, 3).Count);

        campaign = Expect.Ok(campaign.SubmitReport(new ReportSubmission("2022-Q1", SubmittedOn: D(2022, 4, 1)), today));
        campaign = Expect.Ok(campaign.CompleteTask("T1", Samples.Articles(24, D(2022, 5, 1)), today));

        Assert.Empty(Open(campaign, today, 3));
    }

    [Fact]
    public void Nothing_escalates_on_or_before_a_deadline()
    {
        var campaign = new Campaign(Samples.Year, Plan, [Task("T1", D(2022, 3, 5))], [], 2);

        Assert.Empty(Open(campaign, D(2022, 3, 5), 3));
        Assert.Equal(["report:2022-Q1", "task:T1"], Open(campaign, D(2022, 3, 6), 3).Select(e => e.Item));
    }

    [Fact]
    public void A_unit_that_does_nothing_escalates_its_plan_and_its_missing_reports()
    {
        var commune = UnitAt("26278", 2);
        var duty = NationalDuty.Of(commune, 2022, null);

        Assert.Empty(Policy.Of(commune, duty, null, D(2022, 1, 31)));
        var open = Policy.Of(commune, duty, null, D(2022, 3, 16));
        Assert.Equal(["plan", "report:2022-Q1"], open.Select(e => e.Item));
        Assert.Equal([D(2022, 1, 31), D(2022, 3, 15)], open.Select(e => e.Deadline));
        // The plan, 44 days late, has reached the nation (depth 0); the report, a day late, only the parent.
        Assert.Equal([(2, 0), (1, 1)], open.Select(e => (e.Level, e.ReachedDepth)));
        Assert.True(open[1].HasReached(1));
        Assert.False(open[1].HasReached(0));
    }

    [Fact]
    public void Oldest_first_orders_by_deadline_then_by_id()
    {
        var late = new Escalation("02", 2022, "task:T1", "x", D(2022, 5, 1), 1);
        var earlyB = new Escalation("01", 2022, "task:T9", "x", D(2022, 3, 1), 1);
        var earlyA = new Escalation("01", 2022, "task:T10", "x", D(2022, 3, 1), 1);
        var list = new List<Escalation> { late, earlyB, earlyA };

        list.Sort(Escalation.OldestFirst);

        Assert.Equal([earlyA, earlyB, late], list);
    }
}
