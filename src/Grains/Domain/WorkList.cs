namespace UnitGrains.Domain;

/// <summary>A task a unit leads, in the campaign of the unit whose plan gives it (often its parent's).</summary>
[GenerateSerializer, Immutable]
public sealed record LedTask(UnitRef Owner, int Year, CampaignTask Task, bool Overdue);

/// <summary>
/// A unit's work list: the tasks it leads wherever they are planned — its own plan, or the plan of
/// the commune or province it belongs to, which names its departments and divisions as leads
/// (seed 004: Bình Minh's plan gives tasks to its Văn phòng and its Phòng Văn hóa – Xã hội).
/// </summary>
public static class WorkList
{
    public static IReadOnlyList<LedTask> Of(string lead, IEnumerable<(UnitRef Owner, CampaignView Campaign)> campaigns) =>
        [.. campaigns
            .SelectMany(c => c.Campaign.Tasks
                .Where(t => t.Lead.Code == lead)
                .Select(t => new LedTask(c.Owner, c.Campaign.Year, t, c.Campaign.OverdueTaskIds.Contains(t.Id))))
            .OrderBy(t => t.Task.DueDate)
            .ThenBy(t => t.Owner.Code, StringComparer.Ordinal)
            .ThenBy(t => t.Task.Id, StringComparer.Ordinal)];
}
