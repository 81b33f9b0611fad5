namespace UnitGrains.Domain;

/// <summary>
/// Outputs summed per channel — what a report files and what a consolidation adds up. Each figure
/// is taken within <see cref="Bounds"/> (<see cref="Bounds.Clamp"/>), so a stored value that
/// escaped validation cannot overflow a province's totals.
/// </summary>
public static class OutputTotals
{
    /// <summary>The actual outputs of <paramref name="tasks"/> that name a channel.</summary>
    public static Dictionary<Channel, decimal> ByChannel(IEnumerable<CampaignTask> tasks) =>
        Sum(tasks.SelectMany(t => t.Outputs)
            .Where(o => o.Channel is not null && o.Actual is not null)
            .Select(o => new KeyValuePair<Channel, decimal>(o.Channel!.Value, o.Actual!.Value)));

    public static Dictionary<Channel, decimal> Sum(IEnumerable<KeyValuePair<Channel, decimal>> figures)
    {
        var totals = new Dictionary<Channel, decimal>();
        foreach (var (channel, value) in figures)
        {
            totals[channel] = totals.GetValueOrDefault(channel) + Bounds.Clamp(value);
        }

        return totals;
    }
}
