using System.Globalization;
using System.Text.RegularExpressions;

namespace UnitGrains.Domain;

/// <summary>How often a plan asks for a report (domain.md §4).</summary>
public enum ReportFrequency
{
    Quarterly,
    SixMonthly,
    Annual,
}

/// <summary>The kind of a single report period; ad hoc reports (đột xuất) need no requirement.</summary>
public enum ReportPeriodKind
{
    Quarter,
    FirstHalf,
    Year,
    AdHoc,
}

/// <summary>
/// One reporting period, written <c>2022-Q3</c>, <c>2022-H1</c>, <c>2022-Y</c> or <c>2022-A2</c>
/// (the second ad hoc report of 2022).
/// </summary>
[GenerateSerializer, Immutable]
public readonly partial record struct ReportPeriod(int Year, ReportPeriodKind Kind, int Index)
{
    private const string Body = "([1-9][0-9]{3})-(Q[1-4]|H1|Y|A[1-9][0-9]?)";

    /// <summary>A period as clients are told of it (ECMA regex, for the API's contract).</summary>
    public const string Pattern = "^" + Body + "$";

    [GeneratedRegex("^" + Body + @"\z")]
    private static partial Regex PeriodRegex();

    public static bool TryParse(string? text, out ReportPeriod period)
    {
        period = default;
        var match = text is null ? null : PeriodRegex().Match(text);
        if (match is null || !match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var part = match.Groups[2].Value;
        period = part[0] switch
        {
            'Q' => new ReportPeriod(year, ReportPeriodKind.Quarter, part[1] - '0'),
            'H' => new ReportPeriod(year, ReportPeriodKind.FirstHalf, 1),
            'Y' => new ReportPeriod(year, ReportPeriodKind.Year, 1),
            _ => new ReportPeriod(year, ReportPeriodKind.AdHoc, int.Parse(part[1..], CultureInfo.InvariantCulture)),
        };
        return true;
    }

    public ReportFrequency? Frequency => Kind switch
    {
        ReportPeriodKind.Quarter => ReportFrequency.Quarterly,
        ReportPeriodKind.FirstHalf => ReportFrequency.SixMonthly,
        ReportPeriodKind.Year => ReportFrequency.Annual,
        _ => null,
    };

    public DateOnly Start => Kind switch
    {
        ReportPeriodKind.Quarter => new DateOnly(Year, (Index * 3) - 2, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly End => Kind switch
    {
        ReportPeriodKind.Quarter => VietnamCalendar.LastDayOfMonth(Year, Index * 3),
        ReportPeriodKind.FirstHalf => new DateOnly(Year, 6, 30),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary>The periods a frequency asks for in one year, in calendar order.</summary>
    public static IEnumerable<ReportPeriod> For(ReportFrequency frequency, int year) =>
        Enumerable.Range(1, PerYear(frequency)).Select(index => Nth(frequency, year, index));

    /// <summary>How many periods a frequency asks for in one year.</summary>
    public static int PerYear(ReportFrequency frequency) => frequency == ReportFrequency.Quarterly ? 4 : 1;

    /// <summary>The <paramref name="index"/>-th period (from 1, in calendar order) a frequency asks for in one year.</summary>
    public static ReportPeriod Nth(ReportFrequency frequency, int year, int index) => frequency switch
    {
        ReportFrequency.Quarterly => new ReportPeriod(year, ReportPeriodKind.Quarter, index),
        ReportFrequency.SixMonthly => new ReportPeriod(year, ReportPeriodKind.FirstHalf, 1),
        _ => new ReportPeriod(year, ReportPeriodKind.Year, 1),
    };

    public override string ToString() => Kind switch
    {
        ReportPeriodKind.Quarter => $"{Year}-Q{Index}",
        ReportPeriodKind.FirstHalf => $"{Year}-H1",
        ReportPeriodKind.Year => $"{Year}-Y",
        _ => $"{Year}-A{Index}",
    };
}
