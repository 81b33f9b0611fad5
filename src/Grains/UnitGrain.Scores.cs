using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains;

/// <summary>
/// What the rollup says of a unit, read: its summary (what a parent pulls), its scores and its
/// children's rankings for a scored year, its score history, and the open escalations of its subtree.
/// </summary>
public sealed partial class UnitGrain
{
    public Task<SubtreeSummary?> GetSummaryAsync()
    {
        if (_rollup is not null && _evaluatedOn != Today)
        {
            // Its deadlines may have passed since: the parent's pull is what keeps an idle unit current.
            RecomputeOwn();
        }

        return Task.FromResult(_rollup?.Current(systemClock.GetUtcNow().UtcTicks));
    }

    public async Task<Outcome<UnitScores>> GetScoresAsync(int? requestedYear, bool throughToday = false)
    {
        var year = requestedYear ?? Today.Year;
        if (Unscored(year, throughToday) is { } refused)
        {
            return refused;
        }

        var p = profile.State.Profile!;
        var summary = _rollup!.Current(systemClock.GetUtcNow().UtcTicks);
        if (_rollup.Years.Contains(year))
        {
            await PullCarriedAsync();
            return ScoresOf(p, year, summary.Version, time.GetUtcNow());
        }

        // A past year the rollup does not keep: from the dated facts, as they stand today.
        var own = OwnCounts.On(DutyOf(year), campaigns.State.Years.GetValueOrDefault(year), Today, 0);
        return new UnitScores(Code, p.Name, year, summary.Version, time.GetUtcNow(), Indicators.From(own, Options.Weights), Indicators.From(await PastCountsAsync(p, year), Options.Weights), p.CarriedCodes.Any() ? [.. p.CarriedCodes] : null);
    }

    /// <summary>A past year's subtree counts with the work carried into the unit, from the dated facts as they stand today.</summary>
    private async Task<IndicatorCounts> PastCountsAsync(UnitProfile p, int year)
    {
        var today = Today;
        var carried = await Task.WhenAll(p.CarriedCodes.Select(code => GrainFactory.GetUnit(code).GetDailyAsync(year)));
        return carried.Aggregate((await GetDailyAsync(year)).On(today), (sum, series) => sum + series.On(today));
    }

    private UnitScores ScoresOf(UnitProfile p, int year, long version, DateTimeOffset at) => new(
        Code,
        p.Name,
        year,
        version,
        at,
        Indicators.From(_rollup!.Own(year), Options.Weights),
        Indicators.From(Composed(year), Options.Weights),
        _carried.Count > 0 ? [.. _carried.Keys] : null);

    public async Task<Outcome<IReadOnlyList<ChildScore>>> GetChildrenScoresAsync(int? requestedYear, bool throughToday = false)
    {
        var year = requestedYear ?? Today.Year;
        if (Unscored(year, throughToday) is { } refused)
        {
            return Outcome<IReadOnlyList<ChildScore>>.Failure(refused.Errors);
        }

        // The children of the hierarchy the year is viewed on: in force at its end, or today.
        var on = throughToday ? Today : ScoreYears.HierarchyDate(year, Today);
        var p = profile.State.Profile!;
        var children = p.Children.Where(c => c.InForceOn(on)).ToList();
        // Only a child carrying the work of units that ended that year is asked (and, for a past year, every child); the others' summaries are at hand.
        var counts = await Task.WhenAll(children.Select(c => p.ChildCarries(c.Code, year) || !_rollup!.Years.Contains(year)
            ? GrainFactory.GetUnit(c.Code).GetComposedCountsAsync(year)
            : Task.FromResult(_rollup!.ChildCounts(c.Code, year))));
        return Outcome<IReadOnlyList<ChildScore>>.Success(Ranking.RankByKind(children.Select((c, i) => (c, Indicators.From(counts[i], Options.Weights)))));
    }

    public async Task<IndicatorCounts> GetComposedCountsAsync(int year)
    {
        if (_rollup is null || profile.State.Profile is not { } p)
        {
            return IndicatorCounts.Zero;
        }

        if (!_rollup.Years.Contains(year))
        {
            return await PastCountsAsync(p, year);
        }

        await PullCarriedAsync();
        return Composed(year);
    }

    /// <summary>Why a year cannot be scored for this unit as asked, or null.</summary>
    private Outcome<UnitScores>? Unscored(int year, bool throughToday)
    {
        if (_rollup is null || profile.State.Profile is not { } p)
        {
            return Errors.UnitNotFound(Code);
        }

        if (!Options.Scores(year, Today))
        {
            return NotScored(year);
        }

        if (throughToday && p.ValidUntil is { } until)
        {
            return DomainError.Invalid("through", "unit_ended", $"{p.Name} ({p.Code}) ended on {until:yyyy-MM-dd}: view {year} through today's units from {(p.CarriedInto is { Count: > 0 } heir ? $"{heir[^1].Name} ({heir[^1].Code}), which carries its work" : "its successor")}.");
        }

        if (!throughToday && !p.InForceDuring(year))
        {
            return Errors.NotInForce(p, year);
        }

        return null;
    }

    /// <summary>How deep a page of escalations may reach (offset + limit).</summary>
    public const int MaxEscalationDepth = 10_000;

    public async Task<Outcome<EscalationPage>> GetEscalationsAsync(PageRequest page, EscalationFilter? filter = null)
    {
        if (_rollup is null || profile.State.Profile is not { } p)
        {
            return Errors.UnitNotFound(Code);
        }

        var checkedPage = page.Check(MaxEscalationDepth);
        if (!checkedPage.IsSuccess)
        {
            return Outcome<EscalationPage>.Failure(checkedPage.Errors);
        }

        var matches = await GetMatchingEscalationsAsync(filter ?? new EscalationFilter(p.Ancestors.Count), page.End);
        return new EscalationPage([.. matches.Oldest.Skip(page.Offset)], matches.Total);
    }

    public async Task<EscalationMatches> GetMatchingEscalationsAsync(EscalationFilter filter, int count)
    {
        if (_rollup is null)
        {
            return new EscalationMatches(0, []);
        }

        // Downward calls only, and only into children whose summary list may not hold what the filter asks.
        var asked = await Task.WhenAll(_rollup.ChildrenToAsk(filter).Select(async child =>
            (child, matches: await GrainFactory.GetUnit(child).GetMatchingEscalationsAsync(filter, count))));
        return _rollup.Matching(filter, count, asked.ToDictionary(a => a.child, a => a.matches));
    }

    /// <summary>A year that is no campaign year at all is the caller's mistake (400); a campaign year not scored is a 404.</summary>
    private DomainError NotScored(int year) =>
        CampaignYear.Check(year)
        ?? DomainError.NotFound("year_not_scored", $"Scores are kept for every year from {Options.FirstYear} to this year (UnitGrains:Rollup:FirstYear); {year} is not one of them.");
}
