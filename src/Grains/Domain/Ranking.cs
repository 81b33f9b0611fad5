namespace UnitGrains.Domain;

/// <summary>A child's subtree indicators with its rank among its siblings.</summary>
[GenerateSerializer, Immutable]
public sealed record ChildScore(int Rank, UnitRef Unit, Indicators Subtree);

/// <summary>
/// Rankings among siblings (domain.md §6): by score, best first; ties share a rank; units with no
/// score yet come last. Like is ranked with like: a province's communes among themselves, its
/// departments among themselves — a department is not a commune that did better or worse.
/// </summary>
public static class Ranking
{
    /// <summary>Each kind of sibling ranked among its own kind: official units first (by kind), then departments.</summary>
    public static IReadOnlyList<ChildScore> RankByKind(IEnumerable<(UnitRef Unit, Indicators Subtree)> siblings) =>
        [.. siblings.GroupBy(s => s.Unit.Kind).OrderBy(g => g.Key == UnitKind.Department).ThenBy(g => g.Key).SelectMany(Rank)];

    public static IReadOnlyList<ChildScore> Rank(IEnumerable<(UnitRef Unit, Indicators Subtree)> siblings)
    {
        var ordered = siblings
            .OrderBy(s => s.Subtree.Score is null)
            .ThenByDescending(s => s.Subtree.Score ?? 0)
            .ThenBy(s => s.Unit.Code, StringComparer.Ordinal)
            .ToList();
        var ranked = new List<ChildScore>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Subtree.Score == ordered[i - 1].Subtree.Score ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new ChildScore(rank, ordered[i].Unit, ordered[i].Subtree));
        }

        return ranked;
    }
}
