using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

public sealed class RollupEscalationPagingTests
{
    private static readonly int[] Years = [2026];

    /// <summary>An escalation of a commune (depth 3) that has risen to the province (depth 1) or, with <paramref name="level"/> 3, to the nation.</summary>
    private static Escalation Late(string origin, int daysAgo, int level = 2) =>
        new(origin, 2026, $"task:t{daysAgo}", "Nhiệm vụ", new DateOnly(2026, 6, 1).AddDays(-daysAgo), level, OriginDepth: 3);

    private static SubtreeSummary Summary(string code, long version, int open, params Escalation[] listed) =>
        new(code, version, [new YearCounts(2026, IndicatorCounts.Zero with { OpenEscalations = open })], listed);

    private static readonly EscalationFilter ReachedProvince = new(ViewerDepth: 1);

    [Fact]
    public void Only_children_whose_list_may_have_been_cut_are_asked()
    {
        var rollup = new Rollup("42", Years, depth: 1);
        rollup.ApplyChild(Summary("439", 1, 2, Late("18175", 3), Late("18175", 2)));
        rollup.ApplyChild(Summary("440", 1, 80, [.. Enumerable.Range(1, Rollup.EscalationListSize).Select(d => Late("18229", d))]));
        rollup.ApplyChild(Summary("441", 1, 0));

        Assert.Equal(["440"], rollup.ChildrenToAsk(ReachedProvince));
        // Looking below what reached the province, every list shorter than its subtree's count is incomplete.
        rollup.ApplyChild(Summary("439", 2, 5, Late("18175", 3), Late("18175", 2)));
        Assert.Equal(["439", "440"], rollup.ChildrenToAsk(ReachedProvince with { Below = true }).Order());
        Assert.Equal(85, rollup.OpenEscalations);
    }

    [Fact]
    public void Matches_come_from_own_listed_and_asked_escalations_merged_and_counted()
    {
        var rollup = new Rollup("42", Years, depth: 1);
        var own = new Escalation("42", 2026, "plan", "Kế hoạch", new DateOnly(2026, 6, 1).AddDays(-5), 1, OriginDepth: 1);
        rollup.SetOwn([IndicatorCounts.Zero with { OpenEscalations = 1 }], [own]);
        rollup.ApplyChild(Summary("439", 1, 1, Late("18175", 7)));
        rollup.ApplyChild(Summary("440", 1, 3, Late("18229", 1)));
        var asked = new Dictionary<string, EscalationMatches> { ["440"] = new(3, [Late("18229", 9), Late("18229", 6), Late("18229", 1)]) };

        var oldest = rollup.Matching(ReachedProvince, 4, asked);

        Assert.Equal(["18229/2026/task:t9", "18175/2026/task:t7", "18229/2026/task:t6", "42/2026/plan"], oldest.Oldest.Select(e => e.Id));
        Assert.Equal(5, oldest.Total);
        Assert.Equal(4, rollup.Matching(ReachedProvince with { Year = 2026, Level = 2 }, 10, asked).Total);
    }

    [Fact]
    public void A_summary_carries_what_reached_the_parent_and_the_unit_sees_what_reached_it()
    {
        var rollup = new Rollup("42", Years, depth: 1);
        rollup.ApplyChild(Summary("439", 1, 2, Late("18175", 30, level: 3), Late("18175", 2)));

        Assert.Equal(["18175/2026/task:t30"], rollup.Publish(1).OldestEscalations.Select(e => e.Id));
        Assert.Equal(["18175/2026/task:t30", "18175/2026/task:t2"], rollup.Matching(ReachedProvince, 10, new Dictionary<string, EscalationMatches>()).Oldest.Select(e => e.Id));
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
            new(origin, 2025 + random.Next(2), $"report:{random.Next(4)}-{random.Next(1000)}", "Báo cáo", new DateOnly(2026, 1, 1).AddDays(random.Next(6)), 3, OriginDepth: 3);

        // A province whose escalations have all reached the nation, so it passes every one on.
        var rollup = new Rollup("42", Years, depth: 1);
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
        Assert.Equal(everything.Take(120).Select(e => e.Id), rollup.Matching(ReachedProvince, 120, new Dictionary<string, EscalationMatches>()).Oldest.Select(e => e.Id));
    }
}
