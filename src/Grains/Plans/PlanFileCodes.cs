using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Plans;

/// <summary>Rewrites every unit code a plan file names — its unit and each agency's — e.g. to the keys of the units they meant on the plan's date.</summary>
public static class PlanFileCodes
{
    public static PlanFile Map(PlanFile file, Func<string, string> map)
    {
        Agency? Agency(Agency? agency) => agency?.Code is { } code ? agency with { Code = map(code) } : agency;
        IReadOnlyList<Agency>? Agencies(IReadOnlyList<Agency>? list) => list?.Select(a => Agency(a)!).ToList();

        var plan = file.Plan!;
        return file with
        {
            Unit = map(file.Unit!),
            Plan = plan with
            {
                LegalBases = plan.LegalBases?.Select(b => b is null ? b! : b with { IssuedBy = Agency(b.IssuedBy) }).ToList(),
                KeyActivities = plan.KeyActivities?.Select(a => a is null ? a! : a with { Lead = Agency(a.Lead)!, Coordinators = Agencies(a.Coordinators)! }).ToList(),
                Assignments = plan.Assignments?.Select(a => a is null ? a! : a with { Assignee = Agency(a.Assignee)! }).ToList(),
                Reporting = plan.Reporting is { } reporting ? reporting with { Consolidator = Agency(reporting.Consolidator) } : null,
            },
            Tasks = file.Tasks?.Select(t => t is null ? t! : t with { Lead = Agency(t.Lead), Coordinators = Agencies(t.Coordinators) }).ToList(),
        };
    }
}
