using UnitGrains.Domain;

namespace UnitGrains.Tests.Domain;

/// <summary>Whether a change left a campaign as it was: the plan item by item, nested lists included.</summary>
public class SameAsTests
{
    [Fact]
    public void The_same_draft_validated_twice_is_the_same_plan_and_putting_it_again_changes_nothing()
    {
        var campaign = Samples.Campaign();

        var again = Expect.Ok(campaign.SetPlan(Samples.PlanDraft(), Samples.Today));

        Assert.NotSame(campaign.Plan, again.Plan);
        Assert.True(campaign.Plan!.SameAs(again.Plan!));
        Assert.True(campaign.SameAs(again));
    }

    public static TheoryData<string, PlanDraft> Changes()
    {
        var draft = Samples.PlanDraft();
        return new()
        {
            { "title", draft with { Title = "Khác" } },
            { "a coordinator of a key activity", draft with { KeyActivities = [.. draft.KeyActivities!.Select(a => a with { Coordinators = [.. a.Coordinators, new Agency("Đoàn Thanh niên")] })] } },
            { "a duty of an assignment", draft with { Assignments = [.. draft.Assignments!.Select(a => a with { Duties = [.. a.Duties, "Báo cáo thêm"] })] } },
            { "a reporting requirement", draft with { Reporting = new ReportingRegimeDraft([new ReportRequirement(ReportFrequency.Annual, 10)]) } },
            { "a channel", draft with { Channels = [Channel.Press] } },
        };
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_anywhere_in_the_plan_is_a_change(string what, PlanDraft changed)
    {
        var campaign = Samples.Campaign();

        var put = Expect.Ok(campaign.SetPlan(changed, Samples.Today));

        Assert.False(campaign.SameAs(put), what);
    }

    [Fact]
    public void A_task_added_or_completed_is_a_change()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft("T1"));

        Assert.False(campaign.SameAs(campaign.WithTasks(Samples.PlainTaskDraft("T2"))));
        Assert.False(campaign.SameAs(Expect.Ok(campaign.CompleteTask("T1", Samples.Articles(3), Samples.Today))));
    }
}
