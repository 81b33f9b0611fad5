namespace UnitGrains;

/// <summary>
/// The clock deadlines, overdue tasks and escalations run on: a keyed <see cref="TimeProvider"/>,
/// so tests can move campaign time (a FakeTimeProvider) without moving the clock Orleans itself
/// uses for membership, timers and timeouts.
/// </summary>
public static class CampaignClock
{
    public const string Key = "unitgrains-campaign";
}
