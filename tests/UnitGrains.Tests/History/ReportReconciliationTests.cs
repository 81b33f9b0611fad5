using CsCheck;
using UnitGrains.Domain;

namespace UnitGrains.Tests.History;

/// <summary>The consolidated report's task lists reconcile with the indicators line by line, whatever was done when.</summary>
public sealed class ReportReconciliationTests
{
    [Fact]
    public void The_years_done_and_pending_tasks_are_the_indicators_done_and_due_with_late_ones_marked()
    {
        Assert.True(ReportPeriod.TryParse("2022-Y", out var year));
        Gen.Int[0, 1_000_000].Sample(
            seed =>
            {
                var campaign = DatedHistoryTests.Worked(seed, out var asOf);
                var view = RegimeDuty.ViewOf("70@2025-06-30", campaign, asOf);
                var counts = RegimeDuty.Own(2022, campaign, expectsPlan: true, asOf, openEscalations: 0);

                var done = Consolidation.DoneFor(view, year).ToList();
                var pending = Consolidation.PendingFor(view, year, asOf).ToList();
                Assert.Equal(counts.TasksDone, done.Count);
                Assert.Equal(counts.TasksDue, done.Count + pending.Count);
                Assert.Equal(counts.TasksDone - counts.TasksDoneOnTime, done.Count(t => new TaskLine(t.Id, t.Title, t.DueDate, t.CompletedOn, false).Late));
                Assert.Empty(done.Intersect(pending));
            },
            iter: 50);
    }
}
