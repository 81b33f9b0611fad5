namespace UnitGrains.Domain;

/// <summary>
/// The errors that name something missing, written once so grain and gateway say them alike:
/// clients switch on the code, people read the message.
/// </summary>
public static class Errors
{
    public static DomainError UnitNotFound(string code) => DomainError.NotFound("unit_not_found", $"There is no unit '{code}'.");

    /// <summary>Scores asked of a unit for a year it was not in force in, on that year's hierarchy (tỉnh Gia Lai of today in 2022, tỉnh Bình Định in 2026).</summary>
    public static DomainError NotInForce(UnitProfile unit, int year) => DomainError.NotFound(
        "unit_not_in_force",
        $"{unit.Name} ({unit.Code}) was in force {Span(unit)}, not in {year}: view the year through today's units (through=current), or ask the unit that held the code then (on=<date>).");

    /// <summary>A write to a unit that ended, for a year after its end.</summary>
    public static DomainError Ended(UnitProfile unit, int year) => DomainError.Invalid(
        "year",
        "unit_ended",
        $"{unit.Name} ({unit.Code}) ended on {unit.ValidUntil:yyyy-MM-dd}: it holds no campaign for {year}; its work goes on in {(unit.CarriedInto is { Count: > 0 } heir ? $"{heir[^1].Name} ({heir[^1].Code})" : "its successor")}.");

    private static string Span(UnitProfile unit) =>
        (unit.ValidFrom is { } from ? $"from {from:yyyy-MM-dd}" : "from before the oldest list held")
        + (unit.ValidUntil is { } until ? $" until {until:yyyy-MM-dd}" : " to today");

    public static DomainError PlanNotFound(int year) =>
        DomainError.NotFound("plan_not_found", $"There is no plan for {year}: create it first.");

    public static DomainError TaskNotFound(int year, string taskId) =>
        DomainError.NotFound("task_not_found", $"The {year} campaign has no task '{taskId}'.");
}
