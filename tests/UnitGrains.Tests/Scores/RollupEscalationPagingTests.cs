using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

public sealed class RollupEscalationPagingTests
{
    private static readonly int[] Years = [2026];

    private static Escalation Late(string origin, int daysAgo) =>
        new(origin, 2026, $"task:t{daysAgo}", "Nhiệm vụ", new DateOnly(2026, 6, 1).AddDays(-daysAgo), 1);

    private static SubtreeSummary Summary(string code, long version, int open, params Escalation[] listed) =>
        new(code, version, [new YearCounts(2026, IndicatorCounts.Zero with { OpenEscalations = open })], listed);

    [Fact]
    public void Only_children_whose_list_was_cut_short_are_asked()
    {
        var rollup = new Rollup("42", Years);
        rollup.ApplyChild(Summary("439", 1, 2, Late("18175", 3), Late("18175", 2)));
        rollup.ApplyChild(Summary("440", 1, 80, Late("18229", 9)));
        rollup.ApplyChild(Summary("441", 1, 0));

        Assert.Equal(["440"], rollup.ChildrenToAsk(10));
        Assert.Empty(rollup.ChildrenToAsk(1));
        Assert.Equal(82, rollup.OpenEscalations);
    }

    [Fact]
    public void The_oldest_come_from_own_listed_and_fetched_escalations_merged()
    {
        var rollup = new Rollup("42", Years);
        rollup.SetOwn([IndicatorCounts.Zero with { OpenEscalations = 1 }], [Late("42", 5)]);
        rollup.ApplyChild(Summary("439", 1, 1, Late("18175", 7)));
        rollup.ApplyChild(Summary("440", 1, 3, Late("18229", 1)));
        var fetched = new Dictionary<string, IReadOnlyList<Escalation>> { ["440"] = [Late("18229", 9), Late("18229", 6), Late("18229", 1)] };

        var oldest = rollup.Oldest(4, fetched);

        Assert.Equal(["18229/2026/task:t9", "18175/2026/task:t7", "18229/2026/task:t6", "42/2026/task:t5"], oldest.Select(e => e.Id));
        Assert.Equal(5, rollup.Oldest(10, fetched).Count);
    }

    /// <summary>
    /// The merge of the children's lists (each oldest first, as children send them) equals sorting
    /// everything and taking the first — with many ties on the deadline, as report deadlines make.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Merging_the_lists_gives_what_sorting_everything_gives(int seed)
    {
        var random = new Random(seed);
        Escalation Random(string origin) =>
            new(origin, 2025 + random.Next(2), $"report:{random.Next(4)}-{random.Next(1000)}", "Báo cáo", new DateOnly(2026, 1, 1).AddDays(random.Next(6)), 1);

        var rollup = new Rollup("VN", Years);
        var own = Enumerable.Range(0, random.Next(5)).Select(_ => Random("VN")).ToList();
        rollup.SetOwn([IndicatorCounts.Zero with { OpenEscalations = own.Count }], own);
        var everything = new List<Escalation>(own);
        for (var c = 0; c < 63; c++)
        {
            var code = $"{c:00}";
            var listed = Enumerable.Range(0, random.Next(Rollup.EscalationListSize + 1)).Select(_ => Random(code)).Distinct().ToList();
            listed.Sort(Escalation.OldestFirst);
            everything.AddRange(listed);
            rollup.ApplyChild(Summary(code, 1, listed.Count, [.. listed]));
        }

        everything.Sort(Escalation.OldestFirst);
        var published = rollup.Publish(1).OldestEscalations;

        Assert.Equal(everything.Take(Rollup.EscalationListSize).Select(e => e.Id), published.Select(e => e.Id));
        Assert.Equal(everything.Take(120).Select(e => e.Id), rollup.Oldest(120, new Dictionary<string, IReadOnlyList<Escalation>>()).Select(e => e.Id));
    }
}
