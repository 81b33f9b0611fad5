using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

public class PlanDraftTests
{
    private static Outcome<Plan> Validate(PlanDraft draft, DateOnly? today = null) => draft.Validate(Samples.Year, today ?? Samples.Today);

    [Fact]
    public void The_sample_draft_becomes_a_plan_with_every_part_kept()
    {
        var plan = Expect.Ok(Validate(Samples.PlanDraft()));

        Assert.Equal("Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2022", plan.Title);
        Assert.Equal("116/KH-UBND", plan.Identifier);
        Assert.Equal(D(2021, 11, 16), plan.IssuedOn);
        Assert.Equal(new PlanPeriod(D(2022, 1, 1), D(2022, 12, 31)), plan.Period);
        Assert.Equal(D(2021, 12, 31), plan.IssueDeadline);
        Assert.Equal(2, plan.LegalBases.Count);
        Assert.Equal([Audience.OfficialsAndCivilServants, Audience.Citizens, Audience.Businesses], plan.Audiences);
        Assert.Equal([Topic.AdministrativeProcedureReform, Topic.DigitalGovernment], plan.Topics);
        Assert.Equal([Channel.Press, Channel.RadioTv, Channel.WebPortal], plan.Channels);
        Assert.Equal(["dossiers-published", "portal-section"], plan.Targets.Select(t => t.Id));
        Assert.Equal(["video-contest", "bulletin"], plan.KeyActivities.Select(a => a.Id));
        Assert.Equal(2, plan.Assignments.Count);
        Assert.Equal(D(2022, 2, 15), plan.Assignments[0].PlanDeadline);
        Assert.Equal(
            [new ReportRequirement(ReportFrequency.Quarterly, 5), new ReportRequirement(ReportFrequency.SixMonthly, 15), new ReportRequirement(ReportFrequency.Annual, 15)],
            plan.Reporting.Requirements);
        Assert.Equal(Samples.HomeAffairs, plan.Reporting.Consolidator);
    }

    [Fact]
    public void A_minimal_draft_needs_only_a_title_and_a_period()
    {
        var plan = Expect.Ok(Validate(new PlanDraft("Kế hoạch", new PlanPeriod(D(2022, 1, 1), D(2022, 12, 31)))));

        Assert.Empty(plan.LegalBases);
        Assert.Empty(plan.Targets);
        Assert.Empty(plan.KeyActivities);
        Assert.Empty(plan.Assignments);
        Assert.Empty(plan.Channels);
        Assert.Same(ReportingRegime.None, plan.Reporting);
        Assert.False(plan.IsIssued);
    }

    [Fact]
    public void Texts_are_trimmed_and_normalised()
    {
        var plan = Expect.Ok(Validate(Samples.PlanDraft() with { Title = "  Ke\u0302\u0301 hoa\u0323ch  ", Signer = " " }));

        Assert.Equal("Kế hoạch", plan.Title);
        Assert.Null(plan.Signer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_plan_needs_a_title(string? title)
    {
        Expect.Invalid(Validate(Samples.PlanDraft() with { Title = title }), "title", "required");
    }

    [Fact]
    public void A_title_over_500_characters_is_too_long()
    {
        Expect.Invalid(Validate(Samples.PlanDraft() with { Title = new string('k', 501) }), "title", "too_long", "501");
    }

    [Fact]
    public void An_identifier_over_64_characters_is_too_long()
    {
        Expect.Invalid(Validate(Samples.PlanDraft() with { Identifier = new string('1', 65) }), "identifier", "too_long");
    }

    [Fact]
    public void Control_characters_in_the_objectives_are_rejected()
    {
        Expect.Invalid(Validate(Samples.PlanDraft() with { Objectives = "Mục tiêu\u0000" }), "objectives", "control_characters");
    }

    [Fact]
    public void A_plan_needs_a_period()
    {
        Expect.Invalid(Validate(Samples.PlanDraft() with { Period = null }), "period", "required");
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_reversed()
    {
        var draft = Samples.PlanDraft() with { Period = new PlanPeriod(D(2022, 12, 31), D(2022, 1, 1)), IssuedOn = null };

        Expect.Invalid(Validate(draft), "period.to", "period_reversed", "2022-01-01", "2022-12-31");
    }

    [Fact]
    public void A_one_day_period_is_allowed()
    {
        Expect.Ok(Validate(Samples.PlanDraft() with { Period = new PlanPeriod(D(2022, 3, 1), D(2022, 3, 1)), IssuedOn = null }));
    }

    [Theory]
    [InlineData(2021)]
    [InlineData(2023)]
    public void A_period_must_start_in_the_campaign_year(int startYear)
    {
        var draft = Samples.PlanDraft() with { Period = new PlanPeriod(D(startYear, 1, 1), D(2023, 12, 31)), IssuedOn = null };

        Expect.Invalid(Validate(draft), "period.from", "period_outside_campaign", "2022", $"{startYear}-01-01");
    }

    [Fact]
    public void A_plan_may_start_during_the_campaign_year()
    {
        Expect.Ok(Validate(Samples.PlanDraft() with { Period = new PlanPeriod(D(2022, 7, 1), D(2022, 12, 31)) }));
    }

    [Fact]
    public void A_multi_year_plan_is_filed_under_the_year_it_starts()
    {
        var draft = Samples.PlanDraft() with { Period = new PlanPeriod(D(2021, 1, 1), D(2025, 12, 31)), IssuedOn = D(2020, 12, 20) };

        var plan = Expect.Ok(draft.Validate(2021, D(2021, 2, 1)));

        Assert.Equal(D(2025, 12, 31), plan.Period.To);
    }

    [Theory]
    [InlineData(2022, 1, 1, 2031, 12, 31)] // ten calendar years: 2022–2031
    [InlineData(2022, 7, 1, 2032, 6, 30)]  // ten years to the day
    [InlineData(2022, 1, 1, 2022, 12, 31)]
    public void A_period_of_up_to_ten_years_is_allowed(int fy, int fm, int fd, int ty, int tm, int td)
    {
        Expect.Ok(Validate(Samples.PlanDraft() with { Period = new PlanPeriod(D(fy, fm, fd), D(ty, tm, td)) }));
    }

    [Theory]
    [InlineData(2022, 1, 1, 2032, 1, 1)]    // ten years and a day
    [InlineData(2022, 1, 1, 2032, 12, 31)]  // eleven calendar years
    [InlineData(2022, 7, 1, 2032, 7, 1)]
    [InlineData(2022, 1, 1, 2040, 12, 31)]
    public void A_period_longer_than_ten_years_is_too_long(int fy, int fm, int fd, int ty, int tm, int td)
    {
        var draft = Samples.PlanDraft() with { Period = new PlanPeriod(D(fy, fm, fd), D(ty, tm, td)) };

        Expect.Invalid(Validate(draft), "period.to", "period_too_long", $"{ty:D4}-{tm:D2}-{td:D2}");
    }

    [Fact]
    public void A_plan_cannot_be_issued_in_the_future()
    {
        var draft = Samples.PlanDraft() with { IssuedOn = D(2022, 5, 11) };

        Expect.Invalid(Validate(draft, today: D(2022, 5, 10)), "issuedOn", "in_future", "2022-05-11", "2022-05-10");
    }

    [Fact]
    public void A_plan_may_be_issued_today()
    {
        Expect.Ok(Validate(Samples.PlanDraft() with { IssuedOn = D(2022, 5, 10) }, today: D(2022, 5, 10)));
    }

    [Fact]
    public void A_plan_may_be_issued_before_its_period_starts()
    {
        Assert.Equal(D(2021, 11, 16), Expect.Ok(Validate(Samples.PlanDraft() with { IssuedOn = D(2021, 11, 16) })).IssuedOn);
    }

    [Fact]
    public void A_plan_cannot_be_issued_after_its_period_ends()
    {
        var draft = Samples.PlanDraft() with { IssuedOn = D(2023, 1, 2) };

        Expect.Invalid(Validate(draft, today: D(2023, 2, 1)), "issuedOn", "issued_after_period", "2023-01-02", "2022-12-31");
    }

    [Fact]
    public void A_plan_may_be_issued_on_the_last_day_of_its_period()
    {
        Expect.Ok(Validate(Samples.PlanDraft() with { IssuedOn = D(2022, 12, 31) }, today: D(2023, 2, 1)));
    }

    [Fact]
    public void A_plan_implements_at_most_one_parent_plan()
    {
        var draft = Samples.PlanDraft() with
        {
            LegalBases =
            [
                new LegalBasis(LegalBasisKind.ParentPlan, "42/KH-UBND"),
                new LegalBasis(LegalBasisKind.Law, "Luật 80/2015/QH13"),
                new LegalBasis(LegalBasisKind.ParentPlan, "43/KH-UBND"),
            ],
        };

        Expect.Invalid(Validate(draft), "legalBases", "several_parent_plans");
    }

    [Fact]
    public void A_legal_basis_needs_a_reference()
    {
        var draft = Samples.PlanDraft() with { LegalBases = [new LegalBasis(LegalBasisKind.ParentPlan, "42/KH-UBND"), new LegalBasis(LegalBasisKind.Decision, " ")] };

        Expect.Invalid(Validate(draft), "legalBases[1].reference", "required");
    }

    [Fact]
    public void The_issuer_of_a_legal_basis_must_have_a_well_formed_code()
    {
        var draft = Samples.PlanDraft() with { LegalBases = [new LegalBasis(LegalBasisKind.ParentPlan, "42/KH-UBND", IssuedBy: new Agency("UBND tỉnh", "tinh-70"))] };

        Expect.Invalid(Validate(draft), "legalBases[0].issuedBy.code", "malformed_unit_code", "tinh-70");
    }

    [Fact]
    public void Target_ids_are_unique()
    {
        var draft = Samples.PlanDraft() with { Targets = [new PlanTarget("portal", "A"), new PlanTarget("dossiers", "B", 100), new PlanTarget("portal", "C")] };

        Expect.Invalid(Validate(draft), "targets[2].id", "duplicate", "'portal'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("chỉ tiêu")]
    [InlineData("-x")]
    public void Target_ids_must_be_well_formed(string id)
    {
        var draft = Samples.PlanDraft() with { Targets = [new PlanTarget(id, "Chỉ tiêu")] };

        Expect.Invalid(Validate(draft), "targets[0].id", "malformed_id", $"'{id}'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_target_value_must_be_greater_than_zero(int value)
    {
        var draft = Samples.PlanDraft() with { Targets = [new PlanTarget("ok", "A", 1), new PlanTarget("dossiers", "B", value)] };

        Expect.Invalid(Validate(draft), "targets[1].value", "not_positive", "'dossiers'", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_target_without_a_value_is_a_qualitative_target()
    {
        Assert.Null(Expect.Ok(Validate(Samples.PlanDraft() with { Targets = [new PlanTarget("portal", "Chuyên mục CCHC")] })).Targets[0].Value);
    }

    [Fact]
    public void A_target_needs_a_description()
    {
        Expect.Invalid(Validate(Samples.PlanDraft() with { Targets = [new PlanTarget("portal", "")] }), "targets[0].description", "required");
    }

    [Fact]
    public void Key_activity_ids_are_unique()
    {
        var draft = Samples.PlanDraft() with
        {
            KeyActivities = [new KeyActivity("contest", "A", Samples.Office, [], null, null), new KeyActivity("contest", "B", Samples.Office, [], null, null)],
        };

        Expect.Invalid(Validate(draft), "keyActivities[1].id", "duplicate", "'contest'");
    }

    [Fact]
    public void A_key_activity_with_a_malformed_id_is_rejected()
    {
        var draft = Samples.PlanDraft() with { KeyActivities = [new KeyActivity("cuộc thi", "A", Samples.Office, [], null, null)] };

        Expect.Invalid(Validate(draft), "keyActivities[0].id", "malformed_id", "'cuộc thi'");
    }

    [Fact]
    public void A_key_activity_needs_a_title_and_a_lead()
    {
        var draft = Samples.PlanDraft() with { KeyActivities = [new KeyActivity("contest", " ", null!, [], null, null)] };

        var outcome = Validate(draft);

        Assert.Equal(2, outcome.Errors.Count);
        Expect.Has(outcome, ErrorKind.Validation, "required", "keyActivities[0].title");
        Expect.Has(outcome, ErrorKind.Validation, "required", "keyActivities[0].lead");
    }

    [Fact]
    public void Key_activity_coordinators_are_validated_one_by_one()
    {
        var draft = Samples.PlanDraft() with
        {
            KeyActivities = [new KeyActivity("contest", "Cuộc thi", Samples.Office, [Samples.HomeAffairs, new Agency(""), new Agency("Sở X", "70_SX")], null, null)],
        };

        var outcome = Validate(draft);

        Assert.Equal(2, outcome.Errors.Count);
        Expect.Has(outcome, ErrorKind.Validation, "required", "keyActivities[0].coordinators[1].name");
        Expect.Has(outcome, ErrorKind.Validation, "malformed_unit_code", "keyActivities[0].coordinators[2].code", "'70_SX'");
    }

    [Fact]
    public void Key_activity_texts_are_normalised()
    {
        var draft = Samples.PlanDraft() with { KeyActivities = [new KeyActivity("contest", "  Cuộc thi ", new Agency(" Sở Nội vụ ", "70-SNV"), [], "  ", " Quý III ")] };

        var activity = Expect.Ok(Validate(draft)).KeyActivities[0];

        Assert.Equal(("Cuộc thi", "Sở Nội vụ", null, "Quý III"), (activity.Title, activity.Lead.Name, activity.Funding, activity.TimeFrame));
    }

    [Fact]
    public void An_assignment_needs_an_assignee()
    {
        var draft = Samples.PlanDraft() with { Assignments = [new Assignment(null!, Obligation.Assigned, ["Báo cáo"])] };

        Expect.Invalid(Validate(draft), "assignments[0].assignee", "required");
    }

    [Fact]
    public void An_assignment_duty_cannot_be_blank()
    {
        var draft = Samples.PlanDraft() with { Assignments = [new Assignment(Samples.Office, Obligation.Assigned, ["Báo cáo", "  "])] };

        Expect.Invalid(Validate(draft), "assignments[0].duties[1]", "required");
    }

    [Fact]
    public void Audiences_are_listed_once()
    {
        var draft = Samples.PlanDraft() with { Audiences = [Audience.Citizens, Audience.Businesses, Audience.Citizens] };

        Expect.Invalid(Validate(draft), "audiences[2]", "duplicate", "Citizens");
    }

    [Fact]
    public void Channels_are_listed_once()
    {
        var draft = Samples.PlanDraft() with { Channels = [Channel.Loudspeakers, Channel.Loudspeakers] };

        Expect.Invalid(Validate(draft), "channels[1]", "duplicate", "Loudspeakers");
    }

    [Fact]
    public void Topics_are_listed_once()
    {
        var draft = Samples.PlanDraft() with { Topics = [Topic.ReformIndices, Topic.ApparatusReform, Topic.ReformIndices] };

        Expect.Invalid(Validate(draft), "topics[2]", "duplicate", "ReformIndices");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(32)]
    public void A_report_due_day_must_be_a_day_of_the_month(int dueDay)
    {
        var draft = Samples.PlanDraftReporting(new ReportRequirement(ReportFrequency.Annual, 15), new ReportRequirement(ReportFrequency.Quarterly, dueDay));

        Expect.Invalid(Validate(draft), "reporting.requirements[1].dueDay", "out_of_range", dueDay.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    public void Due_days_1_to_31_are_accepted(int dueDay)
    {
        Expect.Ok(Validate(Samples.PlanDraftReporting(new ReportRequirement(ReportFrequency.Quarterly, dueDay))));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void A_due_month_offset_is_0_to_3(int offset)
    {
        var draft = Samples.PlanDraftReporting(new ReportRequirement(ReportFrequency.Quarterly, 10, offset));

        Expect.Invalid(Validate(draft), "reporting.requirements[0].dueMonthOffset", "out_of_range", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Due_month_offsets_0_and_3_are_accepted(int offset)
    {
        Expect.Ok(Validate(Samples.PlanDraftReporting(new ReportRequirement(ReportFrequency.Quarterly, 10, offset))));
    }

    [Fact]
    public void A_report_frequency_is_required_once()
    {
        var draft = Samples.PlanDraftReporting(
            new ReportRequirement(ReportFrequency.Quarterly, 5),
            new ReportRequirement(ReportFrequency.Annual, 15),
            new ReportRequirement(ReportFrequency.Quarterly, 10));

        Expect.Invalid(Validate(draft), "reporting.requirements[2].frequency", "duplicate", "Quarterly");
    }

    [Fact]
    public void The_consolidating_office_must_have_a_well_formed_code()
    {
        var draft = Samples.PlanDraft() with { Reporting = new ReportingRegimeDraft([], new Agency("Sở Nội vụ", "SNV")) };

        Expect.Invalid(Validate(draft), "reporting.consolidator.code", "malformed_unit_code", "'SNV'");
    }

    [Fact]
    public void A_regime_without_requirements_list_requires_nothing()
    {
        var plan = Expect.Ok(Validate(Samples.PlanDraft() with { Reporting = new ReportingRegimeDraft(null, Samples.HomeAffairs) }));

        Assert.Empty(plan.Reporting.Requirements);
        Assert.Equal(Samples.HomeAffairs, plan.Reporting.Consolidator);
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var draft = Samples.PlanDraft() with
        {
            Title = null,
            Period = new PlanPeriod(D(2022, 12, 31), D(2022, 1, 1)),
            IssuedOn = null,
            Channels = [Channel.Press, Channel.Press],
            Targets = [new PlanTarget("x", "X", 0)],
            Reporting = new ReportingRegimeDraft([new ReportRequirement(ReportFrequency.Annual, 40)]),
        };

        var outcome = Validate(draft);

        Assert.Equal(
            ["title", "period.to", "targets[0].value", "channels[1]", "reporting.requirements[0].dueDay"],
            outcome.Errors.Select(e => e.Field));
        Assert.All(outcome.Errors, e => Assert.Equal(ErrorKind.Validation, e.Kind));
    }
}
