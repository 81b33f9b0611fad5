using System.ComponentModel.DataAnnotations;

namespace UnitGrains.Domain;

/// <summary>
/// One required report and its deadline: day <paramref name="DueDay"/> of the period's last month
/// moved by <paramref name="DueMonthOffset"/> months. The seeds need offset 0 ("before the 5th of
/// the quarter's last month", "six-month before 15 June", "annual before 15 December"); offset 1
/// expresses the other common rule, "by the 10th of the month after the period".
/// A day past the month's end means its last day.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReportRequirement(ReportFrequency Frequency, [property: Range(1, 31)] int DueDay, [property: Range(0, 3)] int DueMonthOffset = 0)
{
    public DateOnly DeadlineFor(ReportPeriod period)
    {
        var lastMonth = new DateOnly(period.End.Year, period.End.Month, 1).AddMonths(DueMonthOffset);
        var day = Math.Min(DueDay, DateTime.DaysInMonth(lastMonth.Year, lastMonth.Month));
        return new DateOnly(lastMonth.Year, lastMonth.Month, day);
    }
}

/// <summary>The reporting regime (chế độ báo cáo): what is due, and to which consolidating office.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportingRegime(IReadOnlyList<ReportRequirement> Requirements, Agency? Consolidator)
{
    public static readonly ReportingRegime None = new([], null);

    public ReportRequirement? RequirementFor(ReportPeriod period) =>
        period.Frequency is { } frequency ? Requirements.FirstOrDefault(r => r.Frequency == frequency) : null;

    /// <summary>Every report the regime asks for within a plan period, with its deadline, in deadline order (then period kind, then as the regime lists them).</summary>
    public IReadOnlyList<(ReportPeriod Period, DateOnly Deadline)> ExpectedWithin(PlanPeriod planPeriod)
    {
        // Loops and an insertion in order, not a query: a unit's own counts work this out on every
        // event, and a query's iterators, closures and sort are garbage of the event path. Lists
        // are short (at most a dozen a year).
        var expected = new List<(ReportPeriod Period, DateOnly Deadline)>();
        for (var year = planPeriod.From.Year; year <= planPeriod.To.Year; year++)
        {
            for (var r = 0; r < Requirements.Count; r++)
            {
                var requirement = Requirements[r];
                for (var index = 1; index <= ReportPeriod.PerYear(requirement.Frequency); index++)
                {
                    var period = ReportPeriod.Nth(requirement.Frequency, year, index);
                    var deadline = requirement.DeadlineFor(period);
                    // A plan cannot ask for a report due before the plan itself starts (000 starts 15 June 2022,
                    // after its Q2 deadline of 5 June).
                    if (period.End >= planPeriod.From && period.Start <= planPeriod.To && deadline >= planPeriod.From)
                    {
                        InsertInOrder(expected, (period, deadline));
                    }
                }
            }
        }

        return expected;
    }

    /// <summary>After every item due no later (and of no later kind): stable, as the query's order-by was.</summary>
    private static void InsertInOrder(List<(ReportPeriod Period, DateOnly Deadline)> sorted, (ReportPeriod Period, DateOnly Deadline) item)
    {
        var at = sorted.Count;
        while (at > 0 && (sorted[at - 1].Deadline > item.Deadline || (sorted[at - 1].Deadline == item.Deadline && sorted[at - 1].Period.Kind > item.Period.Kind)))
        {
            at--;
        }

        sorted.Insert(at, item);
    }

    internal static ReportingRegime Validate(Validator v, string field, ReportingRegimeDraft? input)
    {
        if (input is null)
        {
            return None;
        }

        var requirements = new List<ReportRequirement>();
        foreach (var (i, r) in v.Items($"{field}.requirements", input.Requirements))
        {
            var at = $"{field}.requirements[{i}]";
            if (r.DueDay is < 1 or > 31)
            {
                v.Add($"{at}.dueDay", "out_of_range", $"'{at}.dueDay' must be a day of the month (1–31), not {r.DueDay}.");
            }

            if (r.DueMonthOffset is < 0 or > 3)
            {
                v.Add($"{at}.dueMonthOffset", "out_of_range", $"'{at}.dueMonthOffset' must be 0–3 months after the period's last month, not {r.DueMonthOffset}.");
            }

            if (requirements.Any(existing => existing.Frequency == r.Frequency))
            {
                v.Add($"{at}.frequency", "duplicate", $"The {r.Frequency} report is required twice.");
            }

            requirements.Add(r);
        }

        var consolidator = Agency.Validate(v, $"{field}.consolidator", input.Consolidator, required: false);
        return new ReportingRegime(requirements, consolidator);
    }
}

/// <summary>The regime as a client writes it.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportingRegimeDraft([property: MaxLength(Bounds.MaxListItems)] IReadOnlyList<ReportRequirement>? Requirements, Agency? Consolidator = null);
