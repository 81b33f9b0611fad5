using System.ComponentModel.DataAnnotations;

namespace UnitGrains.Domain;

/// <summary>The span a plan covers: a year, or several (2021–2025 in seed 001).</summary>
[GenerateSerializer, Immutable]
public sealed record PlanPeriod(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;

    public override string ToString() => $"{From:yyyy-MM-dd}–{To:yyyy-MM-dd}";
}

/// <summary>A document the plan implements (căn cứ / thực hiện).</summary>
[GenerateSerializer, Immutable]
public sealed record LegalBasis(
    LegalBasisKind Kind,
    [property: MaxLength(TextLimits.Reference)] string Reference,
    [property: MaxLength(TextLimits.Short)] string? Title = null,
    DateOnly? IssuedOn = null,
    Agency? IssuedBy = null);

/// <summary>A quantitative target (chỉ tiêu), e.g. 100 % of received dossiers have their status published.</summary>
[GenerateSerializer, Immutable]
public sealed record PlanTarget(
    [property: RegularExpression(ItemId.Pattern)] string Id,
    [property: MaxLength(TextLimits.Title)] string Description,
    [property: Range(0d, (double)Bounds.MaxQuantity, MinimumIsExclusive = true)] decimal? Value = null,
    [property: MaxLength(TextLimits.Label)] string? Unit = null);

/// <summary>A key activity (hoạt động trọng tâm) with who leads it, who helps and who pays.</summary>
[GenerateSerializer, Immutable]
public sealed record KeyActivity(
    [property: RegularExpression(ItemId.Pattern)] string Id,
    [property: MaxLength(TextLimits.Title)] string Title,
    Agency Lead,
    [property: MaxLength(Bounds.MaxListItems)] IReadOnlyList<Agency> Coordinators,
    [property: MaxLength(TextLimits.Short)] string? Funding,
    [property: MaxLength(TextLimits.Short)] string? TimeFrame);

/// <summary>
/// What one unit, department or division must do (tổ chức thực hiện). An assignment to the level
/// below may set the date by which it must issue its own plan — the cascade's deadline.
/// <paramref name="Covers"/> names a group of units below (all communes, all departments) instead of the one unit its assignee's code names.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Assignment(Agency Assignee, Obligation Obligation, [property: MaxLength(Bounds.MaxListItems)] IReadOnlyList<string> Duties, DateOnly? PlanDeadline = null, UnitGroup? Covers = null);

/// <summary>A validated plan (kế hoạch) of one unit for one campaign.</summary>
[GenerateSerializer, Immutable]
public sealed record Plan(
    string Title,
    string? Identifier,
    DateOnly? IssuedOn,
    string? Signer,
    PlanPeriod Period,
    DateOnly? IssueDeadline,
    IReadOnlyList<LegalBasis> LegalBases,
    string? Objectives,
    string? Requirements,
    IReadOnlyList<Audience> Audiences,
    IReadOnlyList<Topic> Topics,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<PlanTarget> Targets,
    IReadOnlyList<KeyActivity> KeyActivities,
    IReadOnlyList<Assignment> Assignments,
    ReportingRegime Reporting,
    PlanPeriod? Programme = null)
{
    public bool IsIssued => IssuedOn is not null;

    /// <summary>
    /// The same plan, item by item. Records compare their lists by reference, so the lists are
    /// compared here and everything else by the record's own equality.
    /// </summary>
    public bool SameAs(Plan other) =>
        WithoutLists() == other.WithoutLists()
        && LegalBases.SequenceEqual(other.LegalBases)
        && Audiences.SequenceEqual(other.Audiences)
        && Topics.SequenceEqual(other.Topics)
        && Channels.SequenceEqual(other.Channels)
        && Targets.SequenceEqual(other.Targets)
        && KeyActivities.Count == other.KeyActivities.Count
        && KeyActivities.Zip(other.KeyActivities).All(p => p.First with { Coordinators = [] } == p.Second with { Coordinators = [] } && p.First.Coordinators.SequenceEqual(p.Second.Coordinators))
        && Assignments.Count == other.Assignments.Count
        && Assignments.Zip(other.Assignments).All(p => p.First with { Duties = [] } == p.Second with { Duties = [] } && p.First.Duties.SequenceEqual(p.Second.Duties))
        && Reporting.Consolidator == other.Reporting.Consolidator
        && Reporting.Requirements.SequenceEqual(other.Reporting.Requirements);

    private Plan WithoutLists() => this with
    {
        LegalBases = [], Audiences = [], Topics = [], Channels = [], Targets = [], KeyActivities = [], Assignments = [], Reporting = ReportingRegime.None,
    };

    /// <summary>Issued by the deadline the parent set; a plan with no deadline is on time once issued.</summary>
    public bool IssuedOnTime => IssuedOn is { } issued && (IssueDeadline is not { } deadline || issued <= deadline);

    /// <summary>The parent's plan this plan implements (the cascade), if it names one.</summary>
    public LegalBasis? FindParentPlan() => LegalBases.FirstOrDefault(b => b.Kind == LegalBasisKind.ParentPlan);
}
