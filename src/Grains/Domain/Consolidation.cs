namespace UnitGrains.Domain;

/// <summary>Where a child's report for the consolidated period stands.</summary>
public enum ChildReportStatus
{
    /// <summary>Submitted by its deadline (or submitted though not required).</summary>
    OnTime,

    /// <summary>Submitted after its deadline.</summary>
    Late,

    /// <summary>Not submitted, and the deadline has passed.</summary>
    Missing,

    /// <summary>Not submitted yet; the deadline has not passed.</summary>
    NotYetDue,

    /// <summary>The child's plan asks for no report of this kind of period.</summary>
    NotRequired,

    /// <summary>The child has no plan for the year, so nothing it could report against.</summary>
    NoPlan,
}

/// <summary>A task as a report lists it.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskLine(string Id, string Title, DateOnly DueDate, DateOnly? CompletedOn, bool Overdue)
{
    /// <summary>Done after its due date: counted done, not on time.</summary>
    public bool Late => CompletedOn is { } done && done > DueDate;
}

/// <summary>
/// One output channel: what the unit itself achieved, what its children reported in reports the
/// office accepted, and the sum of the two; <paramref name="Unreviewed"/> is what children reported
/// in reports still awaiting the office's review — shown, not yet counted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChannelOutput(Channel Channel, decimal Own, decimal Children, decimal Total, decimal Unreviewed = 0);

/// <summary>A child unit's line in the consolidated report.</summary>
[GenerateSerializer, Immutable]
public sealed record ChildReportLine(
    UnitRef Unit,
    ChildReportStatus Status,
    DateOnly? Deadline,
    DateOnly? SubmittedOn,
    int? DaysLate,
    IReadOnlyDictionary<Channel, decimal> OutputsByChannel,
    int TasksDone,
    int TasksPending,
    double? Score,
    int? Rank,
    ReviewDecision? Review = null);

/// <summary>How many children are in each state.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportingSummary(int Children, int OnTime, int Late, int Missing, int NotYetDue, int NotRequired, int NoPlan, int Accepted = 0, int Returned = 0);

/// <summary>
/// The consolidated report (báo cáo tổng hợp) of a unit for a period: its own work (tasks done
/// and pending, outputs by channel from the tasks' actual outputs), its children's reports (what
/// they reported, who was late and who reported nothing), the outputs of both by channel, and the
/// scores. Scores are the live indicators as of <paramref name="AsOf"/>, not a snapshot of the period.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConsolidatedReport(
    UnitRef Unit,
    string Period,
    DateOnly From,
    DateOnly To,
    DateOnly AsOf,
    string? PlanTitle,
    ChildReportStatus? OwnReport,
    IReadOnlyList<ChannelOutput> Outputs,
    IReadOnlyList<TaskLine> TasksDone,
    IReadOnlyList<TaskLine> TasksPending,
    IReadOnlyList<ChildReportLine> Children,
    ReportingSummary Reporting,
    IReadOnlyList<ChildReportLine> LateOrMissing,
    Indicators? OwnScores,
    Indicators? SubtreeScores);

/// <summary>What a consolidation is built from; the caller gathers it from the grains.</summary>
/// <param name="Own">The unit's campaign for the period's year, or null when it has no plan.</param>
/// <param name="Children">Every child with its campaign (null: no plan).</param>
/// <param name="ChildScores">The children ranked by subtree score.</param>
public sealed record ConsolidationInput(
    UnitRef Unit,
    ReportPeriod Period,
    DateOnly AsOf,
    CampaignView? Own,
    IReadOnlyList<(UnitRef Unit, CampaignView? Campaign)> Children,
    Indicators? OwnScores,
    Indicators? SubtreeScores,
    IReadOnlyList<ChildScore> ChildScores);

/// <summary>Builds a <see cref="ConsolidatedReport"/>; every figure comes from the campaigns given, nothing is looked up.</summary>
public static class Consolidation
{
    /// <summary>
    /// Reads the period of a consolidated report: a quarter (<c>2026-Q1</c>), the first half
    /// (<c>2026-H1</c>) or the year (<c>2026</c> or <c>2026-Y</c>). Ad hoc reports are not consolidated.
    /// </summary>
    /// <summary>The periods <see cref="TryParsePeriod"/> takes, as clients are told of them (ECMA regex).</summary>
    public const string PeriodPattern = "^[1-9][0-9]{3}(-(Q[1-4]|H1|Y))?$";

    public static bool TryParsePeriod(string? text, out ReportPeriod period)
    {
        if (text is { Length: 4 } && text.All(char.IsAsciiDigit))
        {
            text += "-Y";
        }

        return ReportPeriod.TryParse(text, out period) && period.Kind != ReportPeriodKind.AdHoc;
    }

    /// <summary>
    /// Whether a child owes a plan, seen from its parent: official units always; departments only
    /// when their unit is a province (a commune's offices act under the commune's plan).
    /// </summary>
    public static bool OwesPlan(UnitRef parent, UnitRef child) => child.Kind != UnitKind.Department || parent.Kind == UnitKind.Province;

    public static ConsolidatedReport Build(ConsolidationInput input)
    {
        var period = input.Period;
        var ranks = input.ChildScores.ToDictionary(c => c.Unit.Code);
        var children = input.Children
            .Where(c => OwesPlan(input.Unit, c.Unit))
            .OrderBy(c => c.Unit.Code, StringComparer.Ordinal)
            .Select(c => ChildLine(c.Unit, c.Campaign, period, input.AsOf, ranks.GetValueOrDefault(c.Unit.Code)))
            .ToList();

        var own = input.Own;
        var done = own is null ? [] : DoneFor(own, period).ToList();
        var ownOutputs = OutputTotals.ByChannel(own is null ? [] : DoneWithin(own, period));
        // Built from what the office accepted; what awaits its review is shown apart.
        var childOutputs = OutputTotals.Sum(children.Where(c => c.Review == ReviewDecision.Accepted).SelectMany(c => c.OutputsByChannel));
        var unreviewed = OutputTotals.Sum(children.Where(c => c.Review is null).SelectMany(c => c.OutputsByChannel));
        var outputs = ownOutputs.Keys.Union(childOutputs.Keys).Union(unreviewed.Keys)
            .Order()
            .Select(channel =>
            {
                var mine = ownOutputs.GetValueOrDefault(channel);
                var theirs = childOutputs.GetValueOrDefault(channel);
                return new ChannelOutput(channel, mine, theirs, mine + theirs, unreviewed.GetValueOrDefault(channel));
            })
            .ToList();

        return new ConsolidatedReport(
            input.Unit,
            period.Kind == ReportPeriodKind.Year ? period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : period.ToString(),
            period.Start,
            period.End,
            input.AsOf,
            own?.Plan?.Title,
            own is null ? null : Status(own, period),
            outputs,
            [.. done.Select(t => Line(t, input.AsOf))],
            own is null ? [] : [.. PendingFor(own, period, input.AsOf).Select(t => Line(t, input.AsOf))],
            children,
            new ReportingSummary(
                children.Count,
                children.Count(c => c.Status == ChildReportStatus.OnTime),
                children.Count(c => c.Status == ChildReportStatus.Late),
                children.Count(c => c.Status == ChildReportStatus.Missing),
                children.Count(c => c.Status == ChildReportStatus.NotYetDue),
                children.Count(c => c.Status == ChildReportStatus.NotRequired),
                children.Count(c => c.Status == ChildReportStatus.NoPlan),
                children.Count(c => c.Review == ReviewDecision.Accepted),
                children.Count(c => c.Review == ReviewDecision.Returned)),
            [.. children.Where(c => c.Status is ChildReportStatus.Late or ChildReportStatus.Missing or ChildReportStatus.NoPlan)
                .OrderBy(c => c.Status)
                .ThenByDescending(c => c.DaysLate ?? 0)
                .ThenBy(c => c.Unit.Code, StringComparer.Ordinal)],
            input.OwnScores,
            input.SubtreeScores);
    }

    private static ChildReportLine ChildLine(UnitRef unit, CampaignView? campaign, ReportPeriod period, DateOnly asOf, ChildScore? score)
    {
        if (campaign?.Plan is null)
        {
            return new ChildReportLine(unit, ChildReportStatus.NoPlan, null, null, null, new Dictionary<Channel, decimal>(), 0, 0, score?.Subtree.Score, score?.Rank);
        }

        var expected = campaign.ExpectedReports.FirstOrDefault(e => e.Period == period);
        // The report standing for the period; a returned one counts for nothing until filed again.
        var filed = campaign.Reports.LastOrDefault(r => r.Period == period);
        var report = filed is { Returned: false } ? filed : null;
        var status = Status(campaign, period);
        int? daysLate = status switch
        {
            ChildReportStatus.Late => report!.SubmittedOn.DayNumber - expected!.Deadline.DayNumber,
            ChildReportStatus.Missing => asOf.DayNumber - expected!.Deadline.DayNumber,
            _ => null,
        };
        return new ChildReportLine(
            unit,
            status,
            expected?.Deadline,
            report?.SubmittedOn,
            daysLate,
            report?.OutputsByChannel ?? new Dictionary<Channel, decimal>(),
            DoneFor(campaign, period).Count(),
            PendingFor(campaign, period, asOf).Count(),
            score?.Subtree.Score,
            score?.Rank,
            filed?.Review?.Decision);
    }

    private static ChildReportStatus Status(CampaignView campaign, ReportPeriod period)
    {
        if (campaign.Plan is null)
        {
            return ChildReportStatus.NoPlan;
        }

        return campaign.ExpectedReports.FirstOrDefault(e => e.Period == period)?.Status switch
        {
            ReportStatus.SubmittedOnTime => ChildReportStatus.OnTime,
            ReportStatus.SubmittedLate => ChildReportStatus.Late,
            ReportStatus.Missing => ChildReportStatus.Missing,
            ReportStatus.Due => ChildReportStatus.NotYetDue,
            _ => campaign.Reports.Any(r => r.Period == period && !r.Returned) ? ChildReportStatus.OnTime : ChildReportStatus.NotRequired,
        };
    }

    /// <summary>Tasks completed within the period — what a report of the period counts as its work.</summary>
    private static IEnumerable<CampaignTask> DoneWithin(CampaignView campaign, ReportPeriod period) =>
        campaign.Tasks.Where(t => t.Status == TaskStatus.Done && t.CompletedOn >= period.Start && t.CompletedOn <= period.End);

    /// <summary>
    /// The unit's done tasks for the period, counted as the indicators count them: the assigned tasks
    /// due by the period's end that are done — whenever, a late one marked late — and those done
    /// within the period ahead of their date. With <see cref="PendingFor"/> it reconciles with the
    /// indicators line by line: for the year, done is the year's tasks done and done plus pending its tasks due.
    /// </summary>
    public static IEnumerable<CampaignTask> DoneFor(CampaignView campaign, ReportPeriod period) =>
        campaign.Tasks.Where(t => t.Obligation == Obligation.Assigned && t.Status == TaskStatus.Done
            && (t.DueDate <= period.End || (t.CompletedOn >= period.Start && t.CompletedOn <= period.End)));

    /// <summary>The assigned tasks due by the period's end still open on <paramref name="asOf"/> once their day has passed: overdue, as the indicators count them.</summary>
    public static IEnumerable<CampaignTask> PendingFor(CampaignView campaign, ReportPeriod period, DateOnly asOf) =>
        campaign.Tasks.Where(t => t.Obligation == Obligation.Assigned && t.IsOpen && t.DueDate <= period.End && asOf > t.DueDate);

    private static TaskLine Line(CampaignTask task, DateOnly asOf) => new(task.Id, task.Title, task.DueDate, task.CompletedOn, task.IsOverdue(asOf));
}
