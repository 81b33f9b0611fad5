using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

public class PlanTests
{
    [Theory]
    [InlineData(2022, 1, 1, true)]
    [InlineData(2022, 12, 31, true)]
    [InlineData(2022, 6, 15, true)]
    [InlineData(2021, 12, 31, false)]
    [InlineData(2023, 1, 1, false)]
    public void A_period_contains_its_bounds_and_the_days_between(int year, int month, int day, bool contained)
    {
        Assert.Equal(contained, new PlanPeriod(D(2022, 1, 1), D(2022, 12, 31)).Contains(D(year, month, day)));
    }

    [Fact]
    public void A_period_prints_as_an_iso_date_range()
    {
        Assert.Equal("2021-01-01–2025-12-31", new PlanPeriod(D(2021, 1, 1), D(2025, 12, 31)).ToString());
    }

    [Fact]
    public void An_issued_plan_without_a_deadline_is_on_time()
    {
        var plan = Samples.Plan(Samples.PlanDraft() with { IssueDeadline = null });

        Assert.True(plan.IsIssued);
        Assert.True(plan.IssuedOnTime);
    }

    [Theory]
    [InlineData(16, true)] // issued on the deadline
    [InlineData(17, true)]
    [InlineData(15, false)] // deadline a day before issue
    public void A_plan_is_on_time_when_issued_by_its_deadline(int deadlineDay, bool onTime)
    {
        var plan = Samples.Plan(Samples.PlanDraft() with { IssuedOn = D(2021, 11, 16), IssueDeadline = D(2021, 11, deadlineDay) });

        Assert.Equal(onTime, plan.IssuedOnTime);
    }

    [Fact]
    public void A_plan_not_yet_issued_is_neither_issued_nor_on_time()
    {
        var plan = Samples.Plan(Samples.PlanDraft() with { IssuedOn = null });

        Assert.False(plan.IsIssued);
        Assert.False(plan.IssuedOnTime);
    }

    [Fact]
    public void The_parent_plan_is_the_legal_basis_of_kind_parent_plan()
    {
        Assert.Equal("42/KH-UBND", Samples.Plan().FindParentPlan()?.Reference);
        Assert.Null(Samples.Plan(Samples.PlanDraft() with { LegalBases = [new LegalBasis(LegalBasisKind.Law, "Luật 80/2015/QH13")] }).FindParentPlan());
    }
}
