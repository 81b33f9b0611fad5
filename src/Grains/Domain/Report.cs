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
    Agency? SubmittedTo,
    ReportReview? Review = null)
{
    public bool OnTime => Deadline is not { } deadline || SubmittedOn <= deadline;

    /// <summary>Sent back by the office: the unit owes the period's report again.</summary>
    public bool Returned => Review?.Decision == ReviewDecision.Returned;

    /// <summary>The report as it stood at the end of <paramref name="day"/>: a review made later had not happened.</summary>
    public Report AsOf(DateOnly day) => Review is { } review && review.On > day ? this with { Review = null } : this;
}

/// <summary>What the consolidating office decided about a report it received.</summary>
public enum ReviewDecision
{
    Accepted,

    /// <summary>Sent back with a comment: the unit must submit the period's report again.</summary>
    Returned,
}

/// <summary>The office's decision on a report: by which office (<paramref name="By"/>), on which day, and why.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportReview(ReviewDecision Decision, DateOnly On, string By, string? Comment);

/// <summary>A review as the office writes it (<c>POST …/inbox/{year}/{unit}/{period}/accept|return</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record ReviewRequest([property: MaxLength(TextLimits.Long)] string? Comment = null);

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
