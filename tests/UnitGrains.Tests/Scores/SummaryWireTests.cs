using System.Text;
using UnitGrains.Domain;
using UnitGrains.Tests.Storage;

namespace UnitGrains.Tests.Scores;

/// <summary>
/// Summaries travel on memory streams as <c>object</c>, so every message names its types: by short
/// aliases, not CLR names (a third of a summary's bytes before), and renaming a class must not break
/// messages in flight between silos of two builds.
/// </summary>
public sealed class SummaryWireTests
{
    private static SubtreeSummary Sample() => new(
        "01",
        42,
        [new YearCounts(2025, IndicatorCounts.Zero with { TasksDone = 3, OpenEscalations = 1 }), new YearCounts(2026, IndicatorCounts.Zero)],
        [new Escalation("00004", 2025, "task:t1", "Nhiệm vụ tuyên truyền", new DateOnly(2025, 3, 1), 2)],
        new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_summary_sent_as_an_object_comes_back_the_same()
    {
        var sent = Sample();

        var received = Assert.IsType<SubtreeSummary>(StorageSerializers.Orleans.Deserialize<object>(StorageSerializers.Orleans.SerializeToArray<object>(sent)));

        Assert.Equal((sent.Code, sent.Version, sent.ChangedAt), (received.Code, received.Version, received.ChangedAt));
        Assert.Equal(sent.Years, received.Years);
        Assert.Equal(sent.OldestEscalations, received.OldestEscalations);
    }

    [Fact]
    public void Its_types_are_named_by_alias_not_by_clr_name()
    {
        var text = Encoding.Latin1.GetString(StorageSerializers.Orleans.SerializeToArray<object>(Sample()));

        Assert.DoesNotContain("UnitGrains.", text);
        Assert.Contains("ug.SubtreeSummary", text);
        Assert.Contains("ug.YearCounts", text);
        Assert.Contains("ug.Escalation", text);
    }
}
