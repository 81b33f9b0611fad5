namespace UnitGrains.Domain;

/// <summary>
/// An overdue task or a missing report (domain.md §5). <paramref name="Level"/> is how far up it
/// has risen: 1 = the origin's parent is notified the day after the deadline; every
/// <see cref="EscalationPolicy.GraceDays"/> days still open it rises one more level, up to the nation.
/// It is derived from the origin's state and the date, never stored, so completing the item
/// resolves it at every level with the next summary.
/// </summary>
[GenerateSerializer, Immutable, Alias("ug.Escalation")]
public sealed record Escalation(string OriginCode, int Year, string Item, string Title, DateOnly Deadline, int Level)
{
    public string Id => $"{OriginCode}/{Year}/{Item}";

    /// <summary>
    /// Oldest first: earliest deadline, then a stable tie-break on the parts of <see cref="Id"/>
    /// (compared part by part: the nation orders thousands of these on every read, and building
    /// the two ids in each comparison was most of that time).
    /// </summary>
    public static readonly IComparer<Escalation> OldestFirst = Comparer<Escalation>.Create((a, b) =>
    {
        var order = a.Deadline.CompareTo(b.Deadline);
        if (order == 0)
        {
            order = string.CompareOrdinal(a.OriginCode, b.OriginCode);
        }

        if (order == 0)
        {
            order = a.Year.CompareTo(b.Year);
        }

        return order != 0 ? order : string.CompareOrdinal(a.Item, b.Item);
    });
}

/// <summary>When escalations rise (configuration <c>UnitGrains:Rollup:EscalationGraceDays</c>, 15 by default as in domain.md).</summary>
public sealed record EscalationPolicy(int GraceDays = 15)
{
    public static readonly EscalationPolicy Default = new();

    /// <summary>
    /// Whether the work of a campaign year is still chased: this year's, and last year's until the
    /// year after it ends (its annual report is due early in the next year). Older years are history:
    /// scored, never escalated.
    /// </summary>
    public static bool Chases(int year, DateOnly today) => year >= today.Year - 1;

    /// <param name="maxLevel">How many ancestors the origin has: an escalation cannot rise above the nation.</param>
    public int LevelOn(DateOnly deadline, DateOnly today, int maxLevel)
    {
        var daysLate = today.DayNumber - deadline.DayNumber;
        return daysLate <= 0 || maxLevel <= 0 ? 0 : Math.Min(1 + ((daysLate - 1) / GraceDays), maxLevel);
    }

    /// <summary>The open escalations of one unit's campaign on a day: overdue assigned tasks and missing reports.</summary>
    public IReadOnlyList<Escalation> Of(string unitCode, Campaign campaign, DateOnly today, int maxLevel)
    {
        List<Escalation>? open = null;
        // Indexed, and a list only when something is open: this runs on every event of the unit.
        for (var t = 0; t < campaign.Tasks.Count; t++)
        {
            var task = campaign.Tasks[t];
            if (task.Obligation == Obligation.Assigned && task.IsOverdue(today))
            {
                (open ??= []).Add(new Escalation(unitCode, campaign.Year, $"task:{task.Id}", task.Title, task.DueDate, LevelOn(task.DueDate, today, maxLevel)));
            }
        }

        var reports = campaign.ExpectedReports(today);
        for (var r = 0; r < reports.Count; r++)
        {
            var report = reports[r];
            if (report.Status == ReportStatus.Missing)
            {
                (open ??= []).Add(new Escalation(unitCode, campaign.Year, $"report:{report.Period}", $"Báo cáo {report.Period}", report.Deadline, LevelOn(report.Deadline, today, maxLevel)));
            }
        }

        if (open is null)
        {
            return [];
        }

        open.Sort(Escalation.OldestFirst);
        return open;
    }
}
