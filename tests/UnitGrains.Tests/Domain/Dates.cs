namespace UnitGrains.Tests.Domain;

/// <summary>Short date literals for readable tests.</summary>
internal static class Dates
{
    public static DateOnly D(int year, int month, int day) => new(year, month, day);
}
