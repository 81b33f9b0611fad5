namespace UnitGrains.Domain;

/// <summary>
/// A campaign as readers see it on a given day: the stored facts plus what follows from the date
/// (which tasks are overdue, which of the reports the unit owes are due or missing). <paramref name="Version"/> rises
/// with every change of the campaign; it is the ETag of <c>GET …/plans/{year}</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CampaignView(
    string UnitCode,
    int Year,
    DateOnly AsOf,
    Plan? Plan,
    IReadOnlyList<CampaignTask> Tasks,
    IReadOnlyList<string> OverdueTaskIds,
    IReadOnlyList<Report> Reports,
    IReadOnlyList<ExpectedReport> ExpectedReports,
    long Version = 0)
{
    public static CampaignView Of(string unitCode, Campaign campaign, Duty duty, DateOnly today, long version = 0) => new(
        unitCode,
        campaign.Year,
        today,
        campaign.Plan,
        campaign.Tasks,
        [.. campaign.Tasks.Where(t => t.IsOverdue(today)).Select(t => t.Id)],
        campaign.Reports,
        duty.ExpectedReports(campaign, today),
        version);
}
