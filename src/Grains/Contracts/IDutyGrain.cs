using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// The process between units (the cascade): what a unit owes in a year and to whom, what its
/// parent's plan obliges it to, the office's review of its reports, and officials' acknowledgements
/// of its escalations. Implemented by the unit grain, like the unit's other contracts.
/// </summary>
public interface IDutyGrain : IGrainWithStringKey
{
    /// <summary>What the unit owes in <paramref name="year"/> and how each part stands today.</summary>
    Task<Outcome<DutyView>> GetDutyAsync(int year);

    /// <summary>From the parent: what its plan of <paramref name="year"/> obliges this unit to (null: nothing). Unchanged obligations write nothing.</summary>
    Task ObligeAsync(int year, PlanObligation? obligation);

    /// <summary>
    /// The consolidating office <paramref name="office"/> accepts or returns the unit's report of
    /// <paramref name="period"/>; refused unless that office is the one the unit reports to.
    /// </summary>
    Task<Outcome<Report>> ReviewReportAsync(int year, string period, ReviewDecision decision, string office, ReviewRequest request, IdempotencyKey? key = null);

    /// <summary>
    /// An official of <paramref name="byUnit"/> acknowledges one of this unit's open escalations
    /// (<paramref name="year"/>, <paramref name="item"/>); refused unless it has reached that unit.
    /// </summary>
    Task<Outcome<Escalation>> AcknowledgeAsync(int year, string item, string byUnit, string? byUser, AcknowledgeRequest request);
}

/// <summary>What the unit owes in a year and how it stands on <paramref name="AsOf"/>: its plan and each report owed, with the office's reviews.</summary>
[GenerateSerializer, Immutable]
public sealed record DutyView(
    string UnitCode,
    int Year,
    DateOnly AsOf,
    Duty Duty,
    DateOnly? PlanDeadline,
    DateOnly? PlanIssuedOn,
    bool PlanIssuedOnTime,
    IReadOnlyList<ExpectedReport> ExpectedReports,
    IReadOnlyList<Report> Reports,
    IReadOnlyList<Escalation> Escalations);

/// <summary>An acknowledgement as the official writes it.</summary>
[GenerateSerializer, Immutable]
public sealed record AcknowledgeRequest([property: System.ComponentModel.DataAnnotations.MaxLength(TextLimits.Long)] string? Comment = null);
