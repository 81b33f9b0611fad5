namespace UnitGrains.Domain;

/// <summary>
/// The errors that name something missing, written once so grain and gateway say them alike:
/// clients switch on the code, people read the message.
/// </summary>
public static class Errors
{
    public static DomainError UnitNotFound(string code) => DomainError.NotFound("unit_not_found", $"There is no unit '{code}'.");

    public static DomainError PlanNotFound(int year) =>
        DomainError.NotFound("plan_not_found", $"There is no plan for {year}: create it first.");

    public static DomainError TaskNotFound(int year, string taskId) =>
        DomainError.NotFound("task_not_found", $"The {year} campaign has no task '{taskId}'.");
}
