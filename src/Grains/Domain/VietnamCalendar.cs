namespace UnitGrains.Domain;

/// <summary>
/// Deadlines in the plans are calendar dates in Vietnam (UTC+7, no daylight saving), so "today"
/// is the date in Vietnam, not the server's local date.
/// </summary>
public static class VietnamCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Offset).DateTime);

    public static DateOnly LastDayOfMonth(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));
}
