using System.Text.Json;
using System.Text.RegularExpressions;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// What ASP.NET Core and the JSON reader say when a request cannot be bound, said again in the
/// client's terms: the field as the client wrote it (<c>outputs.webPortal</c>, <c>offset</c>) and
/// what it should hold, never a .NET type (<c>Nullable&lt;int&gt;</c>, <c>UnitGrains.Domain.PlanDraft</c>).
/// </summary>
internal static partial class BindingProblems
{
    /// <summary>The field to blame (null for the body as a whole) and what is wrong with it.</summary>
    public static (string? Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return DescribeJson(json);
        }

        if (BindFailed().Match(bad.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return (name, $"'{name}' must be {Expected(bind.Groups["type"].Value)}, not '{Shorten(bind.Groups["value"].Value)}'.");
        }

        if (RequiredMissing().Match(bad.Message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return missing.Groups["source"].Value == "body"
                ? (null, "The request needs a JSON body.")
                : (name, $"'{name}' is required.");
        }

        return (null, bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? "The request body could not be read as JSON."
            : "The request could not be read.");
    }

    private static (string? Field, string Message) DescribeJson(JsonException json)
    {
        var field = Field(json.Path);
        var message = json.Message;
        var at = field is null ? "The body" : $"'{field}'";
        if (NotConvertible().Match(message) is { Success: true } convert)
        {
            return (field, $"{at} must be {Expected(convert.Groups["type"].Value)}.");
        }

        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            var path = field is null || field.EndsWith(name, StringComparison.Ordinal) ? field ?? name : $"{field}.{name}";
            return (path, $"'{path}' is not a field of this request.");
        }

        if (Duplicate().Match(message) is { Success: true } duplicate)
        {
            var name = duplicate.Groups["name"].Value;
            return (field ?? name, $"'{name}' appears more than once; send each field once.");
        }

        if (MissingRequired().Match(message) is { Success: true } required)
        {
            var names = required.Groups["names"].Value;
            return (field, $"{at} is missing required fields: {names}.");
        }

        if (NullNotAllowed().IsMatch(message))
        {
            return (field, $"{at} cannot be null.");
        }

        // The reader's own words (a broken token, a bad date, a report period) name no .NET type;
        // strip the position suffix, which the field already says.
        var plain = PositionSuffix().Replace(TypeName().Replace(message, "a value"), string.Empty).Trim();
        return (field, plain.Length == 0 ? $"{at} is not valid JSON." : plain);
    }

    /// <summary><c>$.plan.legalBases[1].reference</c> → <c>plan.legalBases[1].reference</c>; the root is no field.</summary>
    private static string? Field(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Expected(string type)
    {
        // The reader names the type as .NET writes it (System.Nullable`1[[System.DateOnly, …]],
        // Nullable<int>, UnitGrains.Domain.Channel): what matters is the innermost name.
        bool Is(params string[] names) => names.Any(n => type.Contains(n, StringComparison.Ordinal));
        return true switch
        {
            _ when Is("DateTimeOffset") => "a date and time (ISO 8601)",
            _ when Is("DateOnly") => "a date written yyyy-MM-dd",
            _ when Is("Int32", "Int64", "int>", "long>") || type is "int" or "long" => "a whole number",
            _ when Is("Decimal", "Double", "decimal>", "double>") || type is "decimal" or "double" => "a number",
            _ when Is("Boolean", "bool>") || type == "bool" => "true or false",
            _ when Is("List", "[]") => "an array",
            _ when Is("Dictionary") => "an object of names and values",
            _ when Is("String") || type == "string" => "a string",
            _ when EnumValues(type) is { } values => $"one of {values}",
            _ => "an object",
        };
    }

    /// <summary>The enum's values as clients write them, if <paramref name="typeName"/> is one of the API's enums.</summary>
    private static string? EnumValues(string typeName)
    {
        var type = typeof(Channel).Assembly.GetTypes().FirstOrDefault(t => t.IsEnum && typeName.Contains(t.FullName!, StringComparison.Ordinal));
        return type is { IsEnum: true }
            ? string.Join(", ", Enum.GetNames(type).Select(n => $"'{JsonNamingPolicy.CamelCase.ConvertName(n)}'"))
            : null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[A-Za-z0-9_]+)" was not provided from (?<source>\w+)""")]
    private static partial Regex RequiredMissing();

    [GeneratedRegex(@"could not be converted to (?<type>.+?)\.(?: Path:|\s*$)")]
    private static partial Regex NotConvertible();

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex("[Dd]uplicate property '(?<name>[^']*)'")]
    private static partial Regex Duplicate();

    [GeneratedRegex("missing required properties,? including: (?<names>.+?)\\.(?: Path|$)")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("doesn't allow (setting )?null values")]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"\s*(Path: \S+ \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex PositionSuffix();

    [GeneratedRegex(@"'?(System|UnitGrains)\.[A-Za-z0-9_.`\[\]]+'?")]
    private static partial Regex TypeName();

}
