using Microsoft.Extensions.Logging;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains;

/// <summary>
/// A campaign year day by day, rebuilt from the dated facts of the subtree rather than recorded as
/// changes were entered: a unit's own series comes from its campaign (<see cref="OwnCounts.History"/>),
/// its subtree's is the sum of its children's, asked for again only from children whose summary
/// changed since — so a second read of the nation's year costs one call, and a change in one commune
/// re-asks only the units on its way up. Nothing is stored: the facts are, so history survives
/// every restart on every storage, and a late entry of a past day lands on that day.
/// </summary>
public sealed partial class UnitGrain
{
    private readonly Dictionary<int, YearHistory> _history = [];

    public async Task<DailySeries> GetDailyAsync(int year)
    {
        if (profile.State.Profile is not { } p || _rollup is null)
        {
            return DailySeries.Empty;
        }

        if (!_history.TryGetValue(year, out var held))
        {
            _history[year] = held = new YearHistory();
        }

        var version = campaigns.State.Versions.GetValueOrDefault(year, 0);
        if (held.OwnVersion != version)
        {
            held.Own = OwnCounts.History(p, DutyOf(year), campaigns.State.Years.GetValueOrDefault(year), Escalations);
            held.OwnVersion = version;
            held.Subtree = null;
        }

        var stale = p.Children
            .Where(c => !held.Children.TryGetValue(c.Code, out var known) || known.Version is null || known.Version != _rollup.VersionOf(c.Code))
            .Select(c => c.Code)
            .ToList();
        if (stale.Count > 0)
        {
            var pulled = await Task.WhenAll(stale.Select(async child =>
            {
                // The version before asking: a change while the answer travels is asked for next time.
                var before = _rollup.VersionOf(child);
                try
                {
                    return (child, before, series: await GrainFactory.GetUnit(child).GetDailyAsync(year));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Unit {Code} could not rebuild the {Year} history of {Child}; its last one stands", Code, year, child);
                    return (child, before: (long?)null, series: held.Children.GetValueOrDefault(child).Series ?? DailySeries.Empty);
                }
            }));
            foreach (var (child, before, series) in pulled)
            {
                held.Children[child] = (before, series);
            }

            held.Subtree = null;
        }

        return held.Subtree ??= DailySeries.Sum([held.Own, .. p.Children.Select(c => held.Children[c.Code].Series)]);
    }

    public async Task<Outcome<ScoreHistory>> GetHistoryAsync(int? requestedYear)
    {
        var year = requestedYear ?? Today.Year;
        if (_rollup is null || profile.State.Profile is not { } p)
        {
            return Errors.UnitNotFound(Code);
        }

        if (CampaignYear.Check(year) is { } invalid)
        {
            return invalid;
        }

        var carried = await Task.WhenAll(p.CarriedCodes.Select(code => GrainFactory.GetUnit(code).GetDailyAsync(year)));
        var series = DailySeries.Sum([await GetDailyAsync(year), .. carried]);
        var daily = DailyScores(series, year, Today);
        var recent = _timelines.GetValueOrDefault(year)?.Recent.Select(r => new ScorePoint(r.At, r.Score)).ToList() ?? [];
        return new ScoreHistory(Code, year, daily, recent);
    }

    /// <summary>One point a day from 1 January to today, or for a past year to its end.</summary>
    private List<ScorePoint> DailyScores(DailySeries series, int year, DateOnly today)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        var end = yearEnd < today ? yearEnd : today;
        return [.. series.Days(new DateOnly(year, 1, 1), end).Select(d =>
            new ScorePoint(new DateTimeOffset(d.Day.ToDateTime(TimeOnly.MinValue), VietnamCalendar.Offset), Indicators.From(d.Counts, Options.Weights).Score))];
    }

    private sealed class YearHistory
    {
        public long OwnVersion { get; set; } = -1;

        public DailySeries Own { get; set; } = DailySeries.Empty;

        public Dictionary<string, (long? Version, DailySeries Series)> Children { get; } = new(StringComparer.Ordinal);

        public DailySeries? Subtree { get; set; }
    }
}
