namespace UnitGrains.Domain;

/// <summary>
/// One unit's report of one period as the office that consolidates it sees it: owed by
/// <paramref name="Deadline"/>, received (on time or late) or not, and the office's review —
/// <c>accepted</c>, <c>returned</c> (the unit owes it again) or none yet.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InboxLine(UnitRef Unit, ReportStatus Status, DateOnly Deadline, DateOnly? SubmittedOn, ReportReview? Review);

/// <summary>A period of the office's inbox: who reported on time, late, who is missing, what it accepted and returned.</summary>
[GenerateSerializer, Immutable]
public sealed record InboxPeriod(string Period, DateOnly Deadline, int Units, int OnTime, int Late, int Missing, int NotYetDue, int Accepted, int Returned, IReadOnlyList<InboxLine> Lines);

/// <summary>The inbox of a consolidating office for a year: every period owed to it, each with a line per reporting unit.</summary>
[GenerateSerializer, Immutable]
public sealed record Inbox(string Office, int Year, DateOnly AsOf, IReadOnlyList<InboxPeriod> Periods);

/// <summary>What the office is sent by one unit that reports to it: what it owes and what it filed.</summary>
public sealed record InboxSource(UnitRef Unit, IReadOnlyList<ExpectedReport> Expected, IReadOnlyList<Report> Reports);

public static class InboxBuilder
{
    public static Inbox Build(string office, int year, DateOnly asOf, IReadOnlyList<InboxSource> sources)
    {
        var lines = sources
            .SelectMany(s => s.Expected.Select(e => (e.Period, e.Deadline, Line: new InboxLine(s.Unit, e.Status, e.Deadline, e.SubmittedOn, ReviewOf(s.Reports, e.Period)))))
            .GroupBy(l => l.Period)
            .OrderBy(g => g.Min(l => l.Deadline)).ThenBy(g => g.Key.Kind)
            .Select(g =>
            {
                var period = g.Select(l => l.Line).OrderBy(l => l.Unit.Code, StringComparer.Ordinal).ToList();
                return new InboxPeriod(
                    g.Key.ToString(),
                    g.Min(l => l.Deadline),
                    period.Count,
                    period.Count(l => l.Status == ReportStatus.SubmittedOnTime),
                    period.Count(l => l.Status == ReportStatus.SubmittedLate),
                    period.Count(l => l.Status == ReportStatus.Missing),
                    period.Count(l => l.Status == ReportStatus.Due),
                    period.Count(l => l.Review?.Decision == ReviewDecision.Accepted),
                    period.Count(l => l.Review?.Decision == ReviewDecision.Returned),
                    period);
            })
            .ToList();
        return new Inbox(office, year, asOf, lines);
    }

    /// <summary>The review of the report standing for the period, or — none standing — the return that sent the last one back.</summary>
    private static ReportReview? ReviewOf(IReadOnlyList<Report> reports, ReportPeriod period) =>
        reports.LastOrDefault(r => r.Period == period)?.Review;
}
