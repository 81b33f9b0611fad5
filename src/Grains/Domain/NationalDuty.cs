namespace UnitGrains.Domain;

/// <summary>
/// What a unit owes when its parent's plan obliges it to nothing (no plan yet, or a plan that does
/// not name it), documented in docs/architecture.md: every unit that keeps a plan (provinces,
/// districts, communes, provincial departments) issues it within a month of the year's start —
/// 31 January, or a month after its first day for a unit created during the year — and reports
/// quarterly, six-monthly and yearly by the 15th of the period's last month (the regime seeds 002,
/// 003 and 004 all set) to its parent's home-affairs office: Sở Nội vụ of a province, Phòng Nội vụ
/// of a district (which itself reports to its unit); a province reports to the nation (Bộ Nội vụ).
/// A parent's plan overrides any part
/// it sets.
/// </summary>
public static class NationalDuty
{
    /// <summary>Days after the first day a plan is owed from that it is due.</summary>
    public const int PlanDays = 30;

    public static readonly IReadOnlyList<ReportRequirement> Reports =
    [
        new(ReportFrequency.Quarterly, 15),
        new(ReportFrequency.SixMonthly, 15),
        new(ReportFrequency.Annual, 15),
    ];

    /// <summary>What <paramref name="unit"/> owes in <paramref name="year"/>, given what its parent's plan obliges (null: nothing).</summary>
    public static Duty Of(UnitProfile unit, int year, PlanObligation? obliged)
    {
        if (!unit.InForceDuring(year) || (obliged is null && !unit.ExpectsPlan))
        {
            return Duty.None(year);
        }

        var span = SpanOf(unit, year);
        var defaultPlanBy = unit.ExpectsPlan ? Min(span.From.AddDays(PlanDays), span.To) : (DateOnly?)null;
        var planBy = obliged?.PlanBy ?? defaultPlanBy;
        var reporting = obliged?.Reporting
            ?? (unit.ExpectsPlan ? new ReportingRegime(Reports, OfficeOf(unit)) : ReportingRegime.None);
        return new Duty(year, span, planBy, obliged?.PlanBy is not null, reporting, obliged?.By, obliged?.Basis, obliged?.Duties ?? []);
    }

    /// <summary>The days of <paramref name="year"/> the unit is in force.</summary>
    public static PlanPeriod SpanOf(UnitProfile unit, int year)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return new PlanPeriod(
            unit.ValidFrom is { } start && start > from ? start : from,
            unit.ValidUntil is { } end && end < to ? end : to);
    }

    /// <summary>
    /// The parent's home-affairs office (its department <c>SNV</c> or division <c>PNV</c>, keyed as
    /// the parent is), else the parent itself; the nation for a province.
    /// </summary>
    public static Agency? OfficeOf(UnitProfile unit)
    {
        if (unit.Ancestors.Count == 0)
        {
            return null;
        }

        var parent = unit.Ancestors[^1];
        var abbreviation = parent.Kind switch
        {
            UnitKind.Province => "SNV",
            UnitKind.District => "PNV",
            _ => null,
        };
        if (abbreviation is null)
        {
            return new Agency(parent.Name, parent.Code);
        }

        var office = UnitCode.KeyOf(UnitCode.ForDepartment(UnitCode.OfficialOf(parent.Code), abbreviation), UnitCode.EndedOn(parent.Code));
        // The office itself reports to the unit it belongs to.
        return office == unit.Code ? new Agency(parent.Name, parent.Code) : new Agency(abbreviation == "SNV" ? "Sở Nội vụ" : "Phòng Nội vụ", office);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
