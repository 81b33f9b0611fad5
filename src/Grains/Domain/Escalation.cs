namespace UnitGrains.Domain;

/// <summary>
/// A plan not issued, an overdue task or a missing report (domain.md §5). <paramref name="Level"/>
/// is how far up it has risen: 1 = the origin's parent is notified the day after the deadline;
/// every <see cref="EscalationPolicy.GraceDays"/> days still open it rises one more level, up to
/// the nation. <paramref name="OriginDepth"/> is the origin's depth (the nation is 0), so a unit
/// above knows whether it has been reached. It is derived from the origin's state and the date,
/// never stored, so completing the item resolves it at every level with the next summary; only an
/// official's acknowledgement (<paramref name="Acknowledged"/>) is stored, with the origin.
/// </summary>
[GenerateSerializer, Immutable, Alias("ug.Escalation")]
public sealed record Escalation(string OriginCode, int Year, string Item, string Title, DateOnly Deadline, int Level, int OriginDepth = 0, Acknowledgement? Acknowledged = null)
{
    public string Id => $"{OriginCode}/{Year}/{Item}";

    /// <summary>The depth of the highest unit it has reached (the parent is one above the origin).</summary>
    public int ReachedDepth => OriginDepth - Level;

    /// <summary>Whether it has reached the unit at <paramref name="depth"/> on the origin's line (the origin itself always).</summary>
    public bool HasReached(int depth) => depth <= OriginDepth && depth >= ReachedDepth;

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

    /// <summary>
    /// The open escalations of what a unit owes in a year, on a day: its plan not issued by its
    /// deadline, its overdue assigned tasks, its missing reports — acknowledged ones marked as such.
    /// </summary>
    public IReadOnlyList<Escalation> Of(UnitProfile unit, Duty duty, Campaign? campaign, DateOnly today, IReadOnlyDictionary<string, Acknowledgement>? acknowledged = null)
    {
        List<Escalation>? open = null;
        var depth = unit.Ancestors.Count;
        var plan = campaign?.Plan;
        if (duty.OwesPlan && plan?.IsIssued != true && duty.PlanDeadline(plan) is { } planBy && today > planBy)
        {
            Add("plan", $"Kế hoạch {duty.Year}", planBy);
        }

        // Indexed, and a list only when something is open: this runs on every event of the unit.
        var tasks = campaign?.Tasks ?? [];
        for (var t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            if (task.Obligation == Obligation.Assigned && task.IsOverdue(today))
            {
                Add($"task:{task.Id}", task.Title, task.DueDate);
            }
        }

        var reports = duty.ExpectedReports(campaign, today);
        for (var r = 0; r < reports.Count; r++)
        {
            var report = reports[r];
            if (report.Status == ReportStatus.Missing)
            {
                Add($"report:{report.Period}", $"Báo cáo {report.Period}", report.Deadline);
            }
        }

        if (open is null)
        {
            return [];
        }

        open.Sort(Escalation.OldestFirst);
        return open;

        void Add(string item, string title, DateOnly deadline)
        {
            var escalation = new Escalation(unit.Code, duty.Year, item, title, deadline, LevelOn(deadline, today, depth), depth);
            (open ??= []).Add(acknowledged?.GetValueOrDefault(escalation.Id) is { } ack ? escalation with { Acknowledged = ack } : escalation);
        }
    }
}

/// <summary>An official's acknowledgement of an escalation that reached their unit: who, of which unit, when, and what they said.</summary>
[GenerateSerializer, Immutable, Alias("ug.Acknowledgement")]
public sealed record Acknowledgement(string ByUnit, string? ByUser, DateOnly On, string? Comment);
