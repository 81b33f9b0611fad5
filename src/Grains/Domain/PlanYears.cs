namespace UnitGrains.Domain;

/// <summary>
/// A plan over several years (Bình Định's 2021–2025 plan) is filed as one campaign per year of its
/// period: each year holds the plan with its period cut to that year (the whole period kept as its
/// <see cref="PlanDraft.Programme"/>), and the tasks that fall due in
/// it (a task with no date falls due when the plan's period ends), so each task counts in the year
/// it falls due and every year's reports are owed within that year.
/// </summary>
public static class PlanYears
{
    public sealed record PlanYear(int Year, PlanDraft Plan, IReadOnlyList<TaskDraft> Tasks);

    /// <summary>The campaigns to file; a plan whose period lies within one year (or is not readable yet) is filed as sent, under <paramref name="year"/>.</summary>
    public static IReadOnlyList<PlanYear> Split(int year, PlanDraft plan, IReadOnlyList<TaskDraft> tasks)
    {
        if (plan.Period is not { } period || period.To < period.From || period.From.Year != year || period.To.Year == year || period.To.Year - period.From.Year >= Bounds.MaxPlanYears)
        {
            return [new PlanYear(year, plan, tasks)];
        }

        return [.. Enumerable.Range(period.From.Year, period.To.Year - period.From.Year + 1).Select(y =>
        {
            var from = y == period.From.Year ? period.From : new DateOnly(y, 1, 1);
            var to = y == period.To.Year ? period.To : new DateOnly(y, 12, 31);
            // A task outside the whole period (or no task at all) stays in the first year, whose validation names it.
            return new PlanYear(y, plan with { Period = new PlanPeriod(from, to), Programme = period }, [.. tasks.Where(t => YearOf(t) == y || (y == period.From.Year && (t is null || YearOf(t) < period.From.Year || YearOf(t) > period.To.Year)))]);

            int YearOf(TaskDraft? task) => (task?.DueDate ?? period.To).Year;
        })];
    }
}
