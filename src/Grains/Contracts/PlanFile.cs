using System.ComponentModel.DataAnnotations;
using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// A plan as a file (<c>data/plans/*.json</c>): the issuing unit, the campaign year, the plan and
/// its tasks. <paramref name="Hierarchy"/> names the unit list its codes belong to, and
/// <paramref name="Source"/> the document it was entered from.
/// </summary>
public sealed record PlanFile(
    [property: Required, RegularExpression(UnitCode.Pattern)] string? Unit = null,
    [property: Required, Range(CampaignYear.Min, CampaignYear.Max)] int? Year = null,
    [property: Required] PlanDraft? Plan = null,
    [property: MaxLength(Bounds.MaxTasks)] IReadOnlyList<TaskDraft>? Tasks = null,
    [property: MaxLength(32)] string? Hierarchy = null,
    [property: MaxLength(TextLimits.Note)] string? Source = null);
