namespace UnitGrains.Domain;

/// <summary>From <see cref="Day"/> on, the counts change by <see cref="Delta"/>.</summary>
[GenerateSerializer, Immutable]
public readonly record struct DailyStep(DateOnly Day, IndicatorCounts Delta);

/// <summary>
/// Counts over time as a step function: the days they changed and by how much. A unit's own series
/// comes from its campaign's dated facts (<see cref="OwnCounts.History"/>); a subtree's is the sum of
/// its parts' — counts add up, so history rolls up the tree like the scores do, and a unit that
/// did nothing is one step (the plan it owes from 1 January).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DailySeries(IReadOnlyList<DailyStep> Steps)
{
    public static readonly DailySeries Empty = new([]);

    /// <summary>The series of <paramref name="countsOn"/>, which may change only on <paramref name="days"/> and is zero before them all.</summary>
    public static DailySeries Of(IEnumerable<DateOnly> days, Func<DateOnly, IndicatorCounts> countsOn)
    {
        var steps = new List<DailyStep>();
        var previous = IndicatorCounts.Zero;
        foreach (var day in days.Distinct().Order())
        {
            var counts = countsOn(day);
            if (counts != previous)
            {
                steps.Add(new DailyStep(day, counts - previous));
                previous = counts;
            }
        }

        return steps.Count == 0 ? Empty : new DailySeries(steps);
    }

    /// <summary>The sum of several series: each day's changes added up, days with none dropped.</summary>
    public static DailySeries Sum(IEnumerable<DailySeries> parts)
    {
        var byDay = new SortedDictionary<DateOnly, IndicatorCounts>();
        foreach (var part in parts)
        {
            foreach (var step in part.Steps)
            {
                byDay[step.Day] = byDay.GetValueOrDefault(step.Day) + step.Delta;
            }
        }

        var steps = byDay.Where(d => d.Value != IndicatorCounts.Zero).Select(d => new DailyStep(d.Key, d.Value)).ToList();
        return steps.Count == 0 ? Empty : new DailySeries(steps);
    }

    /// <summary>The counts at the end of <paramref name="day"/>.</summary>
    public IndicatorCounts On(DateOnly day)
    {
        var counts = IndicatorCounts.Zero;
        foreach (var step in Steps)
        {
            if (step.Day > day)
            {
                break;
            }

            counts += step.Delta;
        }

        return counts;
    }

    /// <summary>The counts of every day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public IEnumerable<(DateOnly Day, IndicatorCounts Counts)> Days(DateOnly from, DateOnly to)
    {
        var counts = On(from.AddDays(-1));
        var next = 0;
        while (next < Steps.Count && Steps[next].Day < from)
        {
            next++;
        }

        for (var day = from; day <= to; day = day.AddDays(1))
        {
            while (next < Steps.Count && Steps[next].Day == day)
            {
                counts += Steps[next++].Delta;
            }

            yield return (day, counts);
        }
    }
}
