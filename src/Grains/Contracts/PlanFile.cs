using UnitGrains.Domain;

namespace UnitGrains.Contracts;

/// <summary>
/// A plan as a file (<c>data/plans/*.json</c>): the issuing unit, the campaign year, the plan and
/// its tasks. <paramref name="Hierarchy"/> names the unit list its codes belong to, and
/// <paramref name="Source"/> the document it was entered from.
/// </summary>
public sealed record PlanFile(string? Unit = null, int? Year = null, PlanDraft? Plan = null, IReadOnlyList<TaskDraft>? Tasks = null, string? Hierarchy = null, string? Source = null);
