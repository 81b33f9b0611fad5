using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

public class ReportPeriodTests
{
    [Theory]
    [InlineData("2022-Q1", 2022, ReportPeriodKind.Quarter, 1)]
    [InlineData("2022-Q4", 2022, ReportPeriodKind.Quarter, 4)]
    [InlineData("2025-H1", 2025, ReportPeriodKind.FirstHalf, 1)]
    [InlineData("2021-Y", 2021, ReportPeriodKind.Year, 1)]
    [InlineData("2022-A1", 2022, ReportPeriodKind.AdHoc, 1)]
    [InlineData("2022-A12", 2022, ReportPeriodKind.AdHoc, 12)]
    [InlineData("2022-A99", 2022, ReportPeriodKind.AdHoc, 99)]
    public void Report_periods_parse_from_their_written_form(string text, int year, ReportPeriodKind kind, int index)
    {
        Assert.True(ReportPeriod.TryParse(text, out var period));

        Assert.Equal(new ReportPeriod(year, kind, index), period);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2022")]
    [InlineData("2022-Q0")]
    [InlineData("2022-Q5")]
    [InlineData("2022-q1")]
    [InlineData("2022-H2")]
    [InlineData("2022-A0")]
    [InlineData("2022-A01")]
    [InlineData("2022-A100")]
    [InlineData("2022-y")]
    [InlineData("Q1-2022")]
    [InlineData("22-Q1")]
    [InlineData("20222-Q1")]
    [InlineData(" 2022-Q1")]
    [InlineData("2022-Q1 ")]
    [InlineData("2022-Q1\n")]
    [InlineData("2022/Q1")]
    [InlineData("0000-Q1")] // there is no year 0 to compute dates in
    [InlineData("\u0662\u0660\u0662\u0662-Q1")] // Arabic-Indic digits match \d but do not parse as a number
    [InlineData("2022-A1\u0662")]
    public void Other_texts_are_not_report_periods(string? text)
    {
        Assert.False(ReportPeriod.TryParse(text, out var period));
        Assert.Equal(default, period);
    }

    [Theory]
    [InlineData("2022-Q1", 1, 1, 3, 31)]
    [InlineData("2022-Q2", 4, 1, 6, 30)]
    [InlineData("2022-Q3", 7, 1, 9, 30)]
    [InlineData("2022-Q4", 10, 1, 12, 31)]
    [InlineData("2022-H1", 1, 1, 6, 30)]
    [InlineData("2022-Y", 1, 1, 12, 31)]
    [InlineData("2022-A3", 1, 1, 12, 31)]
    public void A_period_covers_its_calendar_span(string text, int startMonth, int startDay, int endMonth, int endDay)
    {
        Assert.True(ReportPeriod.TryParse(text, out var period));

        Assert.Equal(D(2022, startMonth, startDay), period.Start);
        Assert.Equal(D(2022, endMonth, endDay), period.End);
    }

    [Theory]
    [InlineData("2022-Q2", ReportFrequency.Quarterly)]
    [InlineData("2022-H1", ReportFrequency.SixMonthly)]
    [InlineData("2022-Y", ReportFrequency.Annual)]
    [InlineData("2022-A1", null)]
    public void A_period_belongs_to_the_frequency_that_asks_for_it(string text, ReportFrequency? frequency)
    {
        Assert.True(ReportPeriod.TryParse(text, out var period));

        Assert.Equal(frequency, period.Frequency);
    }

    [Fact]
    public void A_quarterly_frequency_asks_for_four_quarters_in_order()
    {
        Assert.Equal(["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"], ReportPeriod.For(ReportFrequency.Quarterly, 2023).Select(p => p.ToString()));
    }

    [Fact]
    public void A_six_monthly_frequency_asks_for_the_first_half_only()
    {
        Assert.Equal(["2023-H1"], ReportPeriod.For(ReportFrequency.SixMonthly, 2023).Select(p => p.ToString()));
    }

    [Fact]
    public void An_annual_frequency_asks_for_the_year()
    {
        Assert.Equal(["2023-Y"], ReportPeriod.For(ReportFrequency.Annual, 2023).Select(p => p.ToString()));
    }
}
