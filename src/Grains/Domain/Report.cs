using System.ComponentModel.DataAnnotations;

namespace UnitGrains.Domain;

/// <summary>Where a report stands: Due → Submitted (on time or late), or Missing once its deadline passes.</summary>
public enum ReportStatus
{
    Due,
    SubmittedOnTime,
    SubmittedLate,
    Missing,
}

/// <summary>
/// A submitted report (báo cáo). Tasks done and pending and the outputs per channel are a snapshot
/// of the campaign taken at submission, so the report stays what was filed even as work goes on.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Report(
    ReportPeriod Period,
    DateOnly? Deadline,
    DateOnly SubmittedOn,
    IReadOnlyDictionary<Channel, decimal> OutputsByChannel,
    IReadOnlyList<string> TasksDone,
    IReadOnlyList<string> TasksPending,
    string? Summary,
    string? Difficulties,
    string? Proposals,
    Agency? SubmittedTo)
{
    public bool OnTime => Deadline is not { } deadline || SubmittedOn <= deadline;
}

/// <summary>
/// A report as its unit files it. Outputs per channel may be given; otherwise they are summed from
/// the actual outputs of tasks completed within the period.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReportSubmission(
    [property: Required, RegularExpression(ReportPeriod.Pattern)] string? Period = null,
    [property: MaxLength(TextLimits.Long)] string? Summary = null,
    [property: MaxLength(TextLimits.Long)] string? Difficulties = null,
    [property: MaxLength(TextLimits.Long)] string? Proposals = null,
    IReadOnlyDictionary<Channel, decimal>? OutputsByChannel = null,
    DateOnly? SubmittedOn = null);

/// <summary>A report the plan expects, with its state as of a date.</summary>
[GenerateSerializer, Immutable]
public sealed record ExpectedReport(ReportPeriod Period, DateOnly Deadline, ReportStatus Status, DateOnly? SubmittedOn);
