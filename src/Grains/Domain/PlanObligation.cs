namespace UnitGrains.Domain;

/// <summary>Which units below an assignment covers when it names a group rather than one unit ("UBND các xã", "các sở, ban, ngành").</summary>
public enum UnitGroup
{
    Communes,
    Districts,
    Departments,
}

/// <summary>
/// What a parent's plan obliges one unit below it to do in a campaign year (tổ chức thực hiện):
/// issue its own plan by <paramref name="PlanBy"/> (null: the parent set no date) and report on
/// <paramref name="Reporting"/> (null: the plan sets no regime for it, so the national one holds).
/// <paramref name="By"/> is the unit whose plan it is, <paramref name="Basis"/> that plan's number
/// or title, <paramref name="Duties"/> what the assignments say, word for word.
/// </summary>
[GenerateSerializer, Immutable, Alias("ug.PlanObligation")]
public sealed record PlanObligation(string By, string Basis, DateOnly? PlanBy, ReportingRegime? Reporting, IReadOnlyList<string> Duties)
{
    /// <summary>Value equality over the lists, so a plan put again with the same assignments sends nothing.</summary>
    public bool SameAs(PlanObligation? other) =>
        other is not null && By == other.By && Basis == other.Basis && PlanBy == other.PlanBy
        && Duties.SequenceEqual(other.Duties)
        && (Reporting is null) == (other.Reporting is null)
        && (Reporting is null || (Reporting.Consolidator == other.Reporting!.Consolidator && Reporting.Requirements.SequenceEqual(other.Reporting.Requirements)));
}

/// <summary>
/// The cascade (domain.md §2): which units below a plan obliges, and to what. An assigned
/// assignment covers the child it names by code, or every child of its group in force in the
/// year; a requested one (the Fatherland Front, the press) obliges nobody. Every unit it covers
/// reports on the plan's regime to the plan's consolidating office — except that office itself,
/// which receives the reports rather than sending them to itself.
/// </summary>
public static class Obligations
{
    public static IReadOnlyDictionary<string, PlanObligation> Of(Plan plan, UnitProfile owner, int year)
    {
        var covered = new Dictionary<string, (DateOnly? PlanBy, List<string> Duties)>(StringComparer.Ordinal);
        foreach (var assignment in plan.Assignments)
        {
            if (assignment.Obligation != Obligation.Assigned)
            {
                continue;
            }

            foreach (var child in Covered(assignment, owner, year))
            {
                var (planBy, duties) = covered.TryGetValue(child.Code, out var held) ? held : (null, []);
                // Two assignments to one unit: the earlier date binds.
                planBy = (planBy, assignment.PlanDeadline) switch
                {
                    ({ } a, { } b) => a < b ? a : b,
                    var (a, b) => a ?? b,
                };
                duties.AddRange(assignment.Duties);
                covered[child.Code] = (planBy, duties);
            }
        }

        var office = OfficeOf(plan.Reporting, owner);
        var basis = plan.Identifier ?? plan.Title;
        return covered.ToDictionary(
            c => c.Key,
            c => new PlanObligation(
                owner.Code,
                basis,
                c.Value.PlanBy,
                plan.Reporting.Requirements.Count == 0 ? null
                    : c.Key == office ? ReportingRegime.None
                    : plan.Reporting with { Consolidator = plan.Reporting.Consolidator ?? new Agency(owner.Name, owner.Code) },
                [.. c.Value.Duties]),
            StringComparer.Ordinal);
    }

    /// <summary>The unit a regime's reports go to: the consolidator it names by code, else the plan's own unit.</summary>
    public static string OfficeOf(ReportingRegime regime, UnitProfile owner) => regime.Consolidator?.Code ?? owner.Code;

    private static IEnumerable<UnitRef> Covered(Assignment assignment, UnitProfile owner, int year)
    {
        var inForce = owner.Children.Where(c => c.InForceDuring(year));
        if (assignment.Covers is { } group)
        {
            var kind = group switch
            {
                UnitGroup.Communes => UnitKind.Commune,
                UnitGroup.Districts => UnitKind.District,
                _ => UnitKind.Department,
            };
            return inForce.Where(c => c.Kind == kind);
        }

        // A code names a child as the plan's file names it: its key, or its official code in force that year.
        return assignment.Assignee.Code is { } code
            ? inForce.Where(c => c.Code == code || UnitCode.OfficialOf(c.Code) == code).Take(1)
            : [];
    }
}
