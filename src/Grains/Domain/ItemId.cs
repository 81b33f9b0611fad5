using System.Text.RegularExpressions;

namespace UnitGrains.Domain;

/// <summary>Ids of tasks, targets and activities: short, URL-safe, chosen by the plan's author or assigned.</summary>
public static partial class ItemId
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);
}
