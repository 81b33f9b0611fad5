using System.Text.RegularExpressions;

namespace UnitGrains.Domain;

/// <summary>Ids of tasks, targets and activities: short, URL-safe, chosen by the plan's author or assigned.</summary>
public static partial class ItemId
{
    private const string Body = "[A-Za-z0-9][A-Za-z0-9._-]{0,31}";

    /// <summary>An id as clients are told of it (ECMA regex, for the API's contract).</summary>
    public const string Pattern = "^" + Body + "$";

    [GeneratedRegex("^" + Body + @"\z")]
    private static partial Regex IdRegex();

    public static bool IsValid(string? id) => id is not null && IdRegex().IsMatch(id);
}
