using UnitGrains.Domain;
using UnitGrains.Hierarchy;
using UnitGrains.Plans;
using UnitGrains.Tests.Cluster;

namespace UnitGrains.Tests.Cascade;

/// <summary><see cref="Obligations"/> and <see cref="NationalDuty"/> on the real seed plans and the real lists: who each plan obliges, to what, and to whom they report.</summary>
public sealed class SeedObligationsTests
{
    private static (Plan Plan, int Year) Seed(string file)
    {
        var parsed = PlanImporter.Parse(File.ReadAllText(Path.Combine(ClusterFixture.DataDirectory, "plans", file))).GetValue();
        var year = parsed.Year!.Value;
        return (parsed.Plan!.Validate(year, new DateOnly(year, 12, 31)).GetValue(), year);
    }

    private static UnitProfile Unit(HierarchyEdition edition, string province, string code) =>
        HierarchySnapshot.Load(edition, ClusterFixture.DataDirectory, [province]).Units.Single(u => u.Code == code);

    [Fact]
    public void Binh_Minhs_plan_obliges_its_coded_agencies_to_plan_by_25_August_and_report_to_its_culture_division()
    {
        var (plan, year) = Seed("004-binh-minh-2025.json");
        var binhMinh = Unit(HierarchyEdition.TwoLevel2025, "75", "26278");

        var obliged = Obligations.Of(plan, binhMinh, year);

        Assert.Equal(["26278-PKT", "26278-PVHXH", "26278-VP"], obliged.Keys.Order(StringComparer.Ordinal));
        Assert.All(obliged.Values, o => Assert.Equal((new DateOnly(2025, 8, 25), "26278"), (o.PlanBy!.Value, o.By)));
        Assert.Equal("26278-PVHXH", obliged["26278-VP"].Reporting!.Consolidator!.Code);
        // The office receives the reports; it does not send them to itself.
        Assert.Empty(obliged["26278-PVHXH"].Reporting!.Requirements);

        // A division owes no plan of its own, unless its commune's plan obliges it to one.
        var office = Unit(HierarchyEdition.TwoLevel2025, "75", "26278-VP");
        Assert.False(NationalDuty.Of(office, year, null).OwesPlan);
        var duty = NationalDuty.Of(office, year, obliged["26278-VP"]);
        Assert.Equal((new DateOnly(2025, 8, 25), true), (duty.PlanBy!.Value, duty.PlanDateSetByParent));
        var q3 = duty.ExpectedReports(null, new DateOnly(2025, 12, 31)).Single(r => r.Period.ToString() == "2025-Q3");
        Assert.Equal((new DateOnly(2025, 9, 15), ReportStatus.Missing), (q3.Deadline, q3.Status));
    }

    [Fact]
    public void Binh_Phuocs_plan_obliges_every_district_and_department_to_report_to_So_Noi_vu()
    {
        var (plan, year) = Seed("002-binh-phuoc-2022.json");
        var binhPhuoc = Unit(HierarchyEdition.ThreeLevel2023, "70", "70");

        var obliged = Obligations.Of(plan, binhPhuoc, year);

        var districts = binhPhuoc.Children.Where(c => c.Kind == UnitKind.District).Select(c => c.Code).ToList();
        var departments = binhPhuoc.Children.Where(c => c.Kind == UnitKind.Department).Select(c => c.Code).ToList();
        Assert.Equal(districts.Concat(departments).Order(StringComparer.Ordinal), obliged.Keys.Order(StringComparer.Ordinal));
        Assert.All(districts, d => Assert.Equal("70-SNV", obliged[d].Reporting!.Consolidator!.Code));
        Assert.Equal(
            [ReportFrequency.Quarterly, ReportFrequency.SixMonthly, ReportFrequency.Annual],
            obliged[districts[0]].Reporting!.Requirements.Select(r => r.Frequency));
        Assert.Empty(obliged["70-SNV"].Reporting!.Requirements);
        // The plan sets no date for the districts' own plans: the national one holds.
        Assert.All(obliged.Values, o => Assert.Null(o.PlanBy));
        Assert.Equal(new DateOnly(2022, 1, 31), NationalDuty.Of(Unit(HierarchyEdition.ThreeLevel2023, "70", districts[0]), year, obliged[districts[0]]).PlanBy);
    }

    [Fact]
    public void Requested_participants_and_bodies_outside_the_hierarchy_are_obliged_to_nothing()
    {
        var (plan, year) = Seed("001-binh-dinh-2021-2025.json");
        var binhDinh = Unit(HierarchyEdition.ThreeLevel2023, "52", "52");

        var obliged = Obligations.Of(plan, binhDinh, year);

        Assert.Contains(plan.Assignments, a => a.Obligation == Obligation.Requested);
        Assert.DoesNotContain(obliged.Keys, code => binhDinh.Children.All(c => c.Code != code));
        Assert.All(binhDinh.Children.Where(c => c.Kind is UnitKind.District or UnitKind.Department), c => Assert.True(obliged.ContainsKey(c.Code), c.Code));
        Assert.DoesNotContain(binhDinh.Children, c => c.Kind == UnitKind.Commune && obliged.ContainsKey(c.Code));
    }

    [Fact]
    public void The_national_default_sends_reports_to_the_parents_home_affairs_office()
    {
        var commune = Unit(HierarchyEdition.TwoLevel2025, "75", "26278");
        var district = Unit(HierarchyEdition.ThreeLevel2023, "70", "70").Children.First(c => c.Kind == UnitKind.District);
        var oldCommune = HierarchySnapshot.Load(HierarchyEdition.ThreeLevel2023, ClusterFixture.DataDirectory, ["70"]).Units.First(u => u.ParentCode == district.Code && u.Kind == UnitKind.Commune);
        var province = Unit(HierarchyEdition.TwoLevel2025, "75", "75");

        Assert.Equal("75-SNV", NationalDuty.Of(commune, 2026, null).Office);
        Assert.Equal("75", NationalDuty.Of(Unit(HierarchyEdition.TwoLevel2025, "75", "75-SNV"), 2026, null).Office);
        Assert.Equal($"{district.Code}-PNV", NationalDuty.Of(oldCommune, 2024, null).Office);
        Assert.Equal("VN", NationalDuty.Of(province, 2026, null).Office);
        Assert.Equal(new DateOnly(2026, 1, 31), NationalDuty.Of(province, 2026, null).PlanBy);
    }

    [Fact]
    public void An_assignment_naming_a_unit_and_a_group_at_once_is_refused_naming_the_field()
    {
        var draft = new PlanDraft("Kế hoạch", new PlanPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)))
        {
            Assignments = [new Assignment(new Agency("Sở Nội vụ", "75-SNV"), Obligation.Assigned, ["Tổng hợp"], Covers: UnitGroup.Communes)],
        };

        var error = Assert.Single(draft.Validate(2026, new DateOnly(2026, 1, 5)).Errors);

        Assert.Equal(("assignments[0].covers", "ambiguous_assignee"), (error.Field, error.Code));
    }
}
