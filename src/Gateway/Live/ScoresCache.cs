using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Live;

/// <summary>
/// Scores answered at the edge. A unit being read is watched like a dashboard watches it, and pushes
/// its scores to this process whenever its subtree changes, so reads of a busy unit — the nation,
/// under every commune's events — never queue behind its message loop, and stay as fresh as the
/// push: a change reaches this process when the unit publishes it, the moment its parent hears of it.
/// What keeps that honest: kept scores answer freely only while the unit confirmed them within
/// <see cref="LiveOptions.CachedReadMilliseconds"/> (a push, or a read that found the same version),
/// and past that only while one read asks the unit; a write through this gateway distrusts them for
/// as long; a gap in the pushes drops them.
/// </summary>
public sealed class ScoresCache(UnitFeeds feeds, IGrainFactory grains, TimeProvider time, IOptions<LiveOptions> options, IMeterFactory? meters = null)
{
    private static readonly KeyValuePair<string, object?> FromKept = new("source", "kept");
    private static readonly KeyValuePair<string, object?> WhileRefreshing = new("source", "refreshing");
    private static readonly KeyValuePair<string, object?> FromUnit = new("source", "unit");

    /// <summary>
    /// Reads answered here against reads that asked the unit: the share that reaches the silos, and
    /// under load the share that waits in a busy unit's queue (each such read is a grain call).
    /// </summary>
    private readonly Counter<long>? _reads = meters?.Create(UnitGrains.Metrics.UnitMetrics.MeterName)
        .CreateCounter<long>("unitgrains.gateway.score.reads", "{read}",
            "Scores reads at this gateway, by source: kept (pushed by the unit, answered here), refreshing (kept, answered while another read asks the unit) or unit (a grain call).");

    private TimeSpan FreshFor => TimeSpan.FromMilliseconds(Math.Max(0, options.Value.CachedReadMilliseconds));

    /// <summary>
    /// The unit's scores for <paramref name="year"/> (its current year when null): kept ones if
    /// current, else the unit's. Kept scores past <see cref="LiveOptions.CachedReadMilliseconds"/>
    /// are refreshed by one read at a time: that read asks the unit, and reads arriving meanwhile are
    /// answered with the kept scores. Without it, when a busy unit (the nation under every commune's
    /// events) pushed nothing for a moment, every read asked it and waited in its queue: a thousand
    /// reads a second became a thousand grain calls behind the summaries (docs/benchmarks.md). A
    /// silently lost watch still goes unnoticed for at most that interval plus one call to the unit.
    /// </summary>
    public async Task<Outcome<UnitScores>> GetAsync(string code, int? year)
    {
        if (FreshFor <= TimeSpan.Zero)
        {
            _reads?.Add(1, FromUnit);
            return await grains.GetUnit(code).GetScoresAsync(year);
        }

        var feed = feeds.Find(code);
        var now = time.GetUtcNow();
        if (feed is { Started.IsCompletedSuccessfully: true, Scores: { } kept } && kept.For(year) is { } scores)
        {
            feed.KeepForReads(now);
            if (now - kept.ConfirmedAt <= FreshFor)
            {
                _reads?.Add(1, FromKept);
                return Outcome<UnitScores>.Success(scores);
            }

            if (!feed.TryBeginRefresh())
            {
                _reads?.Add(1, WhileRefreshing);
                return Outcome<UnitScores>.Success(scores);
            }

            try
            {
                return await ReadUnitAsync(code, year);
            }
            finally
            {
                feed.EndRefresh();
            }
        }

        return await ReadUnitAsync(code, year);
    }

    private async Task<Outcome<UnitScores>> ReadUnitAsync(string code, int? year)
    {
        _reads?.Add(1, FromUnit);
        var read = await grains.GetUnit(code).GetScoresAsync(year);
        if (read.IsSuccess)
        {
            // Only units that exist are watched: a stream of reads of made-up codes starts nothing.
            feeds.HoldForReads(code)?.Observe(year, read.GetValue());
        }

        return read;
    }

    /// <summary>A write went to <paramref name="code"/> through this process: read its scores from the unit until the change is pushed.</summary>
    public void Invalidate(string code) => feeds.Find(code)?.Bypass(time.GetUtcNow() + FreshFor);
}
