using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Http;

/// <summary>
/// What ASP.NET Core and the JSON reader say when a request cannot be bound, said again in the
/// client's terms: the field as the client wrote it (<c>outputs.webPortal</c>, <c>offset</c>) and
/// what it should hold, found from the API's own JSON contract — never a .NET type
/// (<c>Nullable&lt;int&gt;</c>, <c>UnitGrains.Domain.PlanDraft</c>).
/// </summary>
internal static partial class BindingProblems
{
    /// <summary>The field to blame (null for the body as a whole) and what is wrong with it.</summary>
    /// <param name="body">The type the endpoint reads its body as, when it reads one.</param>
    public static (string? Field, string Message) Describe(BadHttpRequestException bad, Type? body)
    {
        if (bad.InnerException is JsonException json)
        {
            return DescribeJson(json, body);
        }

        if (BindFailed().Match(bad.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            var type = bind.Groups["type"].Value;
            var expected = type.Contains("int", StringComparison.Ordinal) || type.Contains("long", StringComparison.Ordinal) ? "a whole number" : "a value of another form";
            return (name, $"'{name}' must be {expected}, not '{Shorten(bind.Groups["value"].Value)}'.");
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

    private static (string? Field, string Message) DescribeJson(JsonException json, Type? body)
    {
        var field = Field(json.Path);
        var message = json.Message;
        var at = field is null ? "The body" : $"'{field}'";
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
            return (field, $"{at} is missing required fields: {required.Groups["names"].Value}.");
        }

        if (NullNotAllowed().IsMatch(message))
        {
            return (field, $"{at} cannot be null.");
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            // The reader names the record being built, not the field's type: find the field's type
            // in the API's contract instead.
            var expected = body is null || json.Path is null ? null : TypeAt(body, json.Path);
            return (field, expected is null ? $"{at} has a value of the wrong form." : $"{at} must be {Expected(expected)}.");
        }

        // The reader's own words (a broken token, a report period) name no .NET type; the position
        // suffix repeats what the field says.
        var plain = PositionSuffix().Replace(TypeName().Replace(message, "a value"), string.Empty).Trim();
        return (field, plain.Length == 0 ? $"{at} is not valid JSON." : plain);
    }

    /// <summary><c>$.plan.legalBases[1].reference</c> → <c>plan.legalBases[1].reference</c>; the root is no field.</summary>
    private static string? Field(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The type the contract expects at a JSON path (<c>$.period.from</c>, <c>$.outputs[0].target</c>), or null.</summary>
    private static Type? TypeAt(Type root, string path)
    {
        var type = root;
        foreach (Match segment in PathSegment().Matches(path))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (segment.Groups["index"].Success)
            {
                type = ElementType(type);
            }
            else
            {
                var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
                type = DictionaryValueType(type) ?? ApiJson.Options.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == name)?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))?.GetGenericArguments()[1];

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(decimal) || type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(DateOnly) => "a date written yyyy-MM-dd",
        _ when type == typeof(DateTimeOffset) => "a date and time (ISO 8601)",
        _ when type == typeof(ReportPeriod) => "a report period (2026-Q1, 2026-H1, 2026-Y, 2026-A1)",
        { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type).Select(n => $"'{JsonNamingPolicy.CamelCase.ConvertName(n)}'"))}",
        _ when DictionaryValueType(type) is not null => "an object of names and values",
        _ when ElementType(type) is not null => "an array",
        _ => "an object",
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[A-Za-z0-9_]+)" was not provided from (?<source>\w+)""")]
    private static partial Regex RequiredMissing();

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

    /// <summary>One step of a JSON path: <c>.name</c>, <c>['odd name']</c> or <c>[3]</c>.</summary>
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
