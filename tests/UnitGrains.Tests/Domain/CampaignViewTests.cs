using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

public class CampaignViewTests
{
    [Fact]
    public void A_view_shows_the_campaign_as_of_a_day()
    {
        var campaign = Samples.Campaign().WithTasks(Samples.TaskDraft("press", D(2022, 9, 30)), Samples.PlainTaskDraft("posting", D(2022, 6, 30)));

        var view = RegimeDuty.ViewOf("70", campaign, D(2022, 7, 1));

        Assert.Equal(("70", 2022, D(2022, 7, 1)), (view.UnitCode, view.Year, view.AsOf));
        Assert.Same(campaign.Plan, view.Plan);
        Assert.Equal(campaign.Tasks, view.Tasks);
        Assert.Equal(campaign.Reports, view.Reports);
        Assert.Equal(campaign.ExpectedReports(D(2022, 7, 1)), view.ExpectedReports);
    }

    [Fact]
    public void Overdue_tasks_are_derived_from_the_day_of_the_view()
    {
        var campaign = Samples.Campaign().WithTasks(
            Samples.TaskDraft("press", D(2022, 9, 30)),
            Samples.PlainTaskDraft("posting", D(2022, 6, 30)),
            Samples.PlainTaskDraft("done", D(2022, 3, 31)),
            Samples.PlainTaskDraft("dropped", D(2022, 3, 31)));
        campaign = Expect.Ok(campaign.CompleteTask("done", new TaskCompletion(CompletedOn: D(2022, 5, 1)), Samples.Today));
        campaign = Expect.Ok(campaign.CancelTask("dropped", "Không cần", Samples.Today));
        campaign = Expect.Ok(campaign.StartTask("posting", Samples.Today));

        Assert.Empty(RegimeDuty.ViewOf("70", campaign, D(2022, 6, 30)).OverdueTaskIds);
        Assert.Equal(["posting"], RegimeDuty.ViewOf("70", campaign, D(2022, 7, 1)).OverdueTaskIds);
        Assert.Equal(["press", "posting"], RegimeDuty.ViewOf("70", campaign, D(2022, 10, 1)).OverdueTaskIds);
    }

    [Fact]
    public void Expected_report_statuses_follow_the_day_of_the_view()
    {
        var campaign = Samples.Campaign();

        Assert.Equal(ReportStatus.Due, RegimeDuty.ViewOf("70", campaign, D(2022, 3, 5)).ExpectedReports[0].Status);
        Assert.Equal(ReportStatus.Missing, RegimeDuty.ViewOf("70", campaign, D(2022, 3, 6)).ExpectedReports[0].Status);
    }
}
