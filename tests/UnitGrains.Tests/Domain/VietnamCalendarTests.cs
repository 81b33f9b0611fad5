using Microsoft.Extensions.Time.Testing;
using UnitGrains.Domain;
using static UnitGrains.Tests.Domain.Dates;

namespace UnitGrains.Tests.Domain;

public class VietnamCalendarTests
{
    [Theory]
    [InlineData("2022-03-04T17:30:00Z", 2022, 3, 5)] // 00:30 on the 5th in Hà Nội
    [InlineData("2022-03-04T17:00:00Z", 2022, 3, 5)] // midnight in Hà Nội
    [InlineData("2022-03-04T16:59:59Z", 2022, 3, 4)]
    [InlineData("2022-03-04T00:00:00Z", 2022, 3, 4)]
    [InlineData("2021-12-31T17:00:00Z", 2022, 1, 1)] // new year arrives in Vietnam first
    [InlineData("2024-02-28T18:00:00Z", 2024, 2, 29)]
    public void Today_is_the_date_in_Vietnam_at_UTC_plus_7(string utc, int year, int month, int day)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(D(year, month, day), VietnamCalendar.Today(time));
    }

    [Fact]
    public void Today_does_not_depend_on_the_server_time_zone()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2022, 3, 4, 17, 30, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("UTC-10", TimeSpan.FromHours(-10), "UTC-10", "UTC-10"));

        Assert.Equal(D(2022, 3, 5), VietnamCalendar.Today(time));
    }

    [Fact]
    public void Today_follows_the_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2022, 3, 4, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(D(2022, 3, 4), VietnamCalendar.Today(time));

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(D(2022, 3, 5), VietnamCalendar.Today(time));
    }

    [Fact]
    public void The_offset_is_seven_hours()
    {
        Assert.Equal(TimeSpan.FromHours(7), VietnamCalendar.Offset);
    }

    [Theory]
    [InlineData(2022, 1, 31)]
    [InlineData(2022, 2, 28)]
    [InlineData(2024, 2, 29)]
    [InlineData(2022, 4, 30)]
    [InlineData(2022, 6, 30)]
    [InlineData(2022, 12, 31)]
    public void The_last_day_of_a_month_respects_month_length_and_leap_years(int year, int month, int day)
    {
        Assert.Equal(D(year, month, day), VietnamCalendar.LastDayOfMonth(year, month));
    }
}
