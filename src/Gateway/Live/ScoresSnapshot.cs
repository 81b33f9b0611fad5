using System.Collections.Immutable;
using UnitGrains.Contracts;

namespace UnitGrains.Gateway.Live;

/// <summary>
/// What this gateway knows of one unit's scores: every year's scores at one version of the unit's
/// summary, and when the unit last confirmed that version (a notification, or a read that found
/// the same version). All years come from one version, so a snapshot never mixes an old year with
/// a new one. Transitions are pure, so the rules are tested without a cluster.
/// </summary>
public sealed record ScoresSnapshot(long Version, int? CurrentYear, ImmutableDictionary<int, UnitScores> ByYear, DateTimeOffset ConfirmedAt)
{
    /// <summary>The scores of <paramref name="year"/> (the unit's current year when null), if this snapshot holds them.</summary>
    public UnitScores? For(int? year) => (year ?? CurrentYear) is { } y ? ByYear.GetValueOrDefault(y) : null;

    /// <summary>A notification from the unit. Notifications are one-way and may overtake each other: an older version changes nothing.</summary>
    public static ScoresSnapshot? AfterChange(ScoresSnapshot? known, UnitChange change, DateTimeOffset now)
    {
        if (known is not null && change.Version < known.Version)
        {
            return known;
        }

        var byYear = change.Scores.ToImmutableDictionary(s => s.Year);
        return known is not null && change.Version == known.Version
            ? known with { ByYear = known.ByYear.SetItems(byYear), CurrentYear = change.CurrentYear, ConfirmedAt = now }
            : new ScoresSnapshot(change.Version, change.CurrentYear, byYear, now);
    }

    /// <summary>
    /// Scores read from the unit itself (<paramref name="requestedYear"/> as asked: null means the
    /// current year, which the answer then names). The same version confirms what is known; a newer
    /// one replaces it, holding only the year read until the next notification brings the rest.
    /// </summary>
    public static ScoresSnapshot? AfterRead(ScoresSnapshot? known, int? requestedYear, UnitScores read, DateTimeOffset now)
    {
        if (known is not null && read.Version < known.Version)
        {
            return known;
        }

        var current = requestedYear is null ? read.Year : (int?)null;
        return known is not null && read.Version == known.Version
            ? known with { ByYear = known.ByYear.SetItem(read.Year, read), CurrentYear = current ?? known.CurrentYear, ConfirmedAt = now }
            : new ScoresSnapshot(read.Version, current, ImmutableDictionary<int, UnitScores>.Empty.Add(read.Year, read), now);
    }
}
