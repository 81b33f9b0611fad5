using Microsoft.Extensions.Options;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Live;

/// <summary>
/// Scores answered at the edge. A unit being read is watched like a dashboard watches it, and pushes
/// its scores to this process whenever its subtree changes, so reads of a busy unit — the nation,
/// under every commune's events — never queue behind its message loop, and stay as fresh as the
/// push: a change reaches this process when the unit publishes it, the moment its parent hears of it.
/// What keeps that honest: kept scores answer only while the unit confirmed them within
/// <see cref="LiveOptions.CachedReadMilliseconds"/> (a push, or a read that found the same version);
/// a write through this gateway distrusts them for as long; a gap in the pushes drops them.
/// </summary>
public sealed class ScoresCache(UnitFeeds feeds, IGrainFactory grains, TimeProvider time, IOptions<LiveOptions> options)
{
    private TimeSpan FreshFor => TimeSpan.FromMilliseconds(Math.Max(0, options.Value.CachedReadMilliseconds));

    /// <summary>The unit's scores for <paramref name="year"/> (its current year when null): kept ones if current, else the unit's.</summary>
    public async Task<Outcome<UnitScores>> GetAsync(string code, int? year)
    {
        if (FreshFor <= TimeSpan.Zero)
        {
            return await grains.GetUnit(code).GetScoresAsync(year);
        }

        var feed = feeds.Find(code);
        var now = time.GetUtcNow();
        if (feed is { Started.IsCompletedSuccessfully: true, Scores: { } kept } && now - kept.ConfirmedAt <= FreshFor && kept.For(year) is { } scores)
        {
            feed.KeepForReads(now);
            return Outcome<UnitScores>.Success(scores);
        }

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
