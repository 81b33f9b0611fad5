namespace UnitGrains.Domain;

/// <summary>
/// The numerators and denominators behind the indicators of domain.md §6 — plain sums, so a
/// subtree's counts are its own plus its children's, and a rate over a subtree is recomputed from
/// the summed parts (a province's reporting rate is over all its units, not an average of rates).
/// Output achievement is a sum of per-target achievements in [0, 1] kept as <see cref="decimal"/>
/// so adding and subtracting children's sums is exact.
/// </summary>
[GenerateSerializer, Immutable, Alias("ug.IndicatorCounts")]
public readonly record struct IndicatorCounts(
    int PlansExpected,
    int PlansIssued,
    int PlansIssuedOnTime,
    int TasksDue,
    int TasksDone,
    int TasksDoneOnTime,
    int ReportsDue,
    int ReportsSubmitted,
    int ReportsOnTime,
    int OutputTargets,
    decimal OutputAchievement,
    int OpenEscalations)
{
    public static IndicatorCounts Zero => default;

    /// <summary>Whether anything was done: a plan issued, a task done or a report filed (what is merely owed does not count). A method, so it is not part of the counts' JSON.</summary>
    public bool ShowWork() => PlansIssued > 0 || TasksDone > 0 || ReportsSubmitted > 0;

    public static IndicatorCounts operator +(IndicatorCounts a, IndicatorCounts b) => new(
        a.PlansExpected + b.PlansExpected,
        a.PlansIssued + b.PlansIssued,
        a.PlansIssuedOnTime + b.PlansIssuedOnTime,
        a.TasksDue + b.TasksDue,
        a.TasksDone + b.TasksDone,
        a.TasksDoneOnTime + b.TasksDoneOnTime,
        a.ReportsDue + b.ReportsDue,
        a.ReportsSubmitted + b.ReportsSubmitted,
        a.ReportsOnTime + b.ReportsOnTime,
        a.OutputTargets + b.OutputTargets,
        a.OutputAchievement + b.OutputAchievement,
        a.OpenEscalations + b.OpenEscalations);

    public static IndicatorCounts operator -(IndicatorCounts a, IndicatorCounts b) => new(
        a.PlansExpected - b.PlansExpected,
        a.PlansIssued - b.PlansIssued,
        a.PlansIssuedOnTime - b.PlansIssuedOnTime,
        a.TasksDue - b.TasksDue,
        a.TasksDone - b.TasksDone,
        a.TasksDoneOnTime - b.TasksDoneOnTime,
        a.ReportsDue - b.ReportsDue,
        a.ReportsSubmitted - b.ReportsSubmitted,
        a.ReportsOnTime - b.ReportsOnTime,
        a.OutputTargets - b.OutputTargets,
        a.OutputAchievement - b.OutputAchievement,
        a.OpenEscalations - b.OpenEscalations);

    /// <summary>
    /// A unit's own counts for one campaign on a given day. Only assigned items count — requested
    /// ones (đề nghị) are tracked but never scored; an item counts once it is due or done, so work
    /// finished early raises the score and nothing counts against a unit before its deadline.
    /// What the unit owes — its plan, by which date, and which reports — is <paramref name="duty"/>,
    /// campaign or not: a unit that does nothing counts fully once its deadlines pass.
    /// </summary>
    public static IndicatorCounts Own(Duty duty, Campaign? campaign, DateOnly today, int openEscalations)
    {
        var plan = campaign?.Plan;
        var planDue = duty.OwesPlan && (plan?.IsIssued == true || (duty.PlanDeadline(plan) is { } deadline && today > deadline));
        int tasksDue = 0, tasksDone = 0, tasksOnTime = 0, targets = 0;
        decimal achievement = 0;
        // Indexed loops: this runs on every event over every task of the campaign, and enumerators
        // and LINQ delegates were most of what it allocated.
        var tasks = campaign?.Tasks ?? [];
        for (var t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            if (task.Obligation != Obligation.Assigned || task.Status == TaskStatus.Cancelled || (task.Status != TaskStatus.Done && today <= task.DueDate))
            {
                continue;
            }

            tasksDue++;
            if (task.Status == TaskStatus.Done)
            {
                tasksDone++;
                tasksOnTime += task.DoneOnTime ? 1 : 0;
            }

            var outputs = task.Outputs;
            targets += outputs.Count;
            for (var o = 0; o < outputs.Count; o++)
            {
                achievement += outputs[o].Achievement;
            }
        }

        int reportsDue = 0, submitted = 0, onTime = 0;
        var expected = duty.ExpectedReports(campaign, today);
        for (var r = 0; r < expected.Count; r++)
        {
            var report = expected[r];
            if (report.Status == ReportStatus.Due)
            {
                continue;
            }

            reportsDue++;
            submitted += report.Status is ReportStatus.SubmittedOnTime or ReportStatus.SubmittedLate ? 1 : 0;
            onTime += report.Status == ReportStatus.SubmittedOnTime ? 1 : 0;
        }

        return new IndicatorCounts(
            planDue ? 1 : 0,
            planDue && plan?.IsIssued == true ? 1 : 0,
            planDue && duty.PlanIssuedOnTime(plan) ? 1 : 0,
            tasksDue,
            tasksDone,
            tasksOnTime,
            reportsDue,
            submitted,
            onTime,
            targets,
            achievement,
            openEscalations);
    }
}
