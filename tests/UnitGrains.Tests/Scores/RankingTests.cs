using UnitGrains.Domain;

namespace UnitGrains.Tests.Scores;

/// <summary><see cref="Ranking.Rank"/>: siblings by score, best first, competition ranking, unscored last.</summary>
public class RankingTests
{
    private static (UnitRef Unit, Indicators Subtree) Unit(string code, double? score) =>
        (new UnitRef(code, "Xã " + code, UnitKind.Commune), new Indicators(null, null, null, null, null, null, 0, score, IndicatorCounts.Zero));

    private static List<(string Code, int Rank)> Ranked(params (UnitRef Unit, Indicators Subtree)[] siblings) =>
        [.. Ranking.Rank(siblings).Select(r => (r.Unit.Code, r.Rank))];

    [Fact]
    public void No_siblings_no_ranks()
    {
        Assert.Empty(Ranking.Rank([]));
    }

    [Fact]
    public void Best_score_first()
    {
        Assert.Equal(
            [("03", 1), ("01", 2), ("02", 3)],
            Ranked(Unit("01", 70), Unit("02", 40.5), Unit("03", 99.99)));
    }

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips()
    {
        Assert.Equal(
            [("04", 1), ("01", 2), ("03", 2), ("02", 4), ("05", 5)],
            Ranked(Unit("01", 80), Unit("02", 70), Unit("03", 80), Unit("04", 90), Unit("05", 10)));
    }

    [Fact]
    public void Three_way_ties_share_the_first_rank()
    {
        Assert.Equal(
            [("a", 1), ("b", 1), ("c", 1), ("d", 4)],
            Ranked(Unit("c", 50), Unit("d", 20), Unit("a", 50), Unit("b", 50)));
    }

    [Fact]
    public void Units_without_a_score_come_last_even_after_a_zero_score()
    {
        var ranked = Ranked(Unit("01", null), Unit("02", 0), Unit("03", 12.5), Unit("04", null));

        Assert.Equal(["03", "02", "01", "04"], ranked.Select(r => r.Code));
        Assert.Equal([1, 2], ranked.Take(2).Select(r => r.Rank));
        Assert.All(ranked.Skip(2), r => Assert.Equal(3, r.Rank));
    }

    [Fact]
    public void Ties_are_ordered_by_code_ordinally_whatever_the_input_order()
    {
        var siblings = new[] { Unit("79", 60), Unit("01", 60), Unit("7A", 60), Unit("10", 60) };
        var expected = new[] { "01", "10", "79", "7A" };

        for (var seed = 0; seed < 20; seed++)
        {
            var shuffled = siblings.ToArray();
            new Random(seed).Shuffle(shuffled);

            Assert.Equal(expected, Ranked(shuffled).Select(r => r.Code));
        }
    }

    [Fact]
    public void The_subtree_indicators_are_carried_with_the_rank()
    {
        var only = Unit("01", 42);

        var ranked = Assert.Single(Ranking.Rank([only]));

        Assert.Same(only.Subtree, ranked.Subtree);
        Assert.Equal(only.Unit, ranked.Unit);
        Assert.Equal(1, ranked.Rank);
    }

    [Fact]
    public void Ranks_from_real_indicators_tie_when_the_counts_give_the_same_score()
    {
        var half = IndicatorCounts.Zero with { ReportsDue = 2, ReportsSubmitted = 1 };
        var alsoHalf = IndicatorCounts.Zero with { ReportsDue = 4, ReportsSubmitted = 2 };
        var full = IndicatorCounts.Zero with { ReportsDue = 1, ReportsSubmitted = 1, ReportsOnTime = 1 };
        (UnitRef, Indicators) Scored(string code, IndicatorCounts c) => (new UnitRef(code, code, UnitKind.Province), Indicators.From(c, ScoreWeights.Default));

        var ranked = Ranking.Rank([Scored("A", half), Scored("B", full), Scored("C", alsoHalf), Scored("D", IndicatorCounts.Zero)]);

        Assert.Equal([("B", 1), ("A", 2), ("C", 2), ("D", 4)], ranked.Select(r => (r.Unit.Code, r.Rank)));
        Assert.Null(ranked[3].Subtree.Score);
    }

    [Fact]
    public void Communes_are_ranked_among_communes_and_departments_among_departments()
    {
        var full = IndicatorCounts.Zero with { ReportsDue = 1, ReportsSubmitted = 1, ReportsOnTime = 1 };
        var half = IndicatorCounts.Zero with { ReportsDue = 2, ReportsSubmitted = 1 };
        (UnitRef, Indicators) Scored(string code, UnitKind kind, IndicatorCounts c) => (new UnitRef(code, code, kind), Indicators.From(c, ScoreWeights.Default));

        var ranked = Ranking.RankByKind([
            Scored("75-SNV", UnitKind.Department, full), Scored("26278", UnitKind.Commune, half), Scored("75-STC", UnitKind.Department, half), Scored("25195", UnitKind.Commune, full)]);

        Assert.Equal([("25195", 1), ("26278", 2), ("75-SNV", 1), ("75-STC", 2)], ranked.Select(r => (r.Unit.Code, r.Rank)));
    }
}
