namespace UnitGrains.Domain;

/// <summary>
/// What a unit owes in a campaign year, and to whom: its own plan by <paramref name="PlanBy"/>
/// (null: it owes none) and the reports of <paramref name="Reporting"/>, sent to its consolidating
/// office, within <paramref name="Span"/> — the days of the year it is in force. It comes from the
/// parent's plan (<paramref name="ObligedBy"/>, <paramref name="Basis"/>) or, where that plan
/// obliges it to nothing, from the national default (<see cref="NationalDuty"/>). A unit that does
/// nothing still owes all of it: its plan and reports count against it, and escalate, once due.
/// </summary>
[GenerateSerializer, Immutable, Alias("ug.Duty")]
public sealed record Duty(
    int Year,
    PlanPeriod? Span,
    DateOnly? PlanBy,
    bool PlanDateSetByParent,
    ReportingRegime Reporting,
    string? ObligedBy,
    string? Basis,
    IReadOnlyList<string> Duties)
{
    /// <summary>A unit that owes nothing in the year (not in force, or a division nobody obliged).</summary>
    public static Duty None(int year) => new(year, null, null, false, ReportingRegime.None, null, null, []);

    public bool OwesPlan => PlanBy is not null && Span is not null;

    /// <summary>The code of the office its reports go to, when that office is a unit.</summary>
    public string? Office => Reporting.Consolidator?.Code;

    /// <summary>
    /// The date the plan is measured against: the parent's, when it set one; else the date the plan
    /// itself cites (its own issue deadline, copied from the parent's document); else the national default.
    /// </summary>
    public DateOnly? PlanDeadline(Plan? plan) => PlanDateSetByParent ? PlanBy : plan?.IssueDeadline ?? PlanBy;

    public bool PlanIssuedOnTime(Plan? plan) => plan?.IssuedOn is { } issued && PlanDeadline(plan) is { } deadline && issued <= deadline;

    /// <summary>The reports owed in the year, with their state on <paramref name="today"/> (a returned report is owed again).</summary>
    public IReadOnlyList<ExpectedReport> ExpectedReports(Campaign? campaign, DateOnly today)
    {
        if (Span is not { } span || Reporting.Requirements.Count == 0)
        {
            return [];
        }

        var expected = Reporting.ExpectedWithin(span);
        var reports = new ExpectedReport[expected.Count];
        for (var i = 0; i < expected.Count; i++)
        {
            var (period, deadline) = expected[i];
            var submitted = campaign?.SubmittedFor(period);
            var status = submitted is not null
                ? submitted.SubmittedOn <= deadline ? ReportStatus.SubmittedOnTime : ReportStatus.SubmittedLate
                : today > deadline ? ReportStatus.Missing : ReportStatus.Due;
            reports[i] = new ExpectedReport(period, deadline, status, submitted?.SubmittedOn);
        }

        return reports;
    }

    /// <summary>The days on which what the unit owes may change what it counts: the day after each of its deadlines.</summary>
    public IEnumerable<DateOnly> FactDays(Plan? plan)
    {
        if (Span is not { } span)
        {
            yield break;
        }

        yield return span.From;
        if (OwesPlan && PlanDeadline(plan) is { } planBy)
        {
            yield return planBy.AddDays(1);
        }

        foreach (var (_, deadline) in Reporting.ExpectedWithin(span))
        {
            yield return deadline.AddDays(1);
        }
    }

    /// <summary>Value equality over the lists (a recomputed duty that did not change is not news).</summary>
    public bool SameAs(Duty other) =>
        this with { Reporting = ReportingRegime.None, Duties = [] } == other with { Reporting = ReportingRegime.None, Duties = [] }
        && Reporting.Consolidator == other.Reporting.Consolidator
        && Reporting.Requirements.SequenceEqual(other.Reporting.Requirements)
        && Duties.SequenceEqual(other.Duties);
}
