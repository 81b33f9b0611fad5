using System.Text.RegularExpressions;

namespace UnitGrains.Domain;

/// <summary>
/// Unit codes: <c>VN</c> for the nation, the official GSO codes (2 digits for a province, 3 for a
/// district, 5 for a commune; leading zeros matter, so codes are text), and for departments the
/// code of the unit they belong to, a dash and the catalogue's abbreviation (<c>70-SNV</c>), which
/// stays stable as long as the parent does.
/// A code names a unit on a date: codes are reused (<c>52</c> was tỉnh Bình Định and is tỉnh Gia Lai
/// since 1 July 2025). A unit's <em>key</em> — its grain key and what the API calls its code — is
/// the bare code for a unit in force today, and <c>&lt;code&gt;@&lt;last day&gt;</c> for one that ended
/// (<c>52@2025-06-30</c>): two units holding one code never end on the same day, so keys never collide
/// and today's keys are the codes every client already uses (docs/architecture.md).
/// </summary>
public static partial class UnitCode
{
    public const string Nation = "VN";

    public const int MaxLength = 32;

    /// <summary>Any unit key, official or a department's, today's or one that ended, as clients are told of it (ECMA regex, for the API's contract).</summary>
    public const string Pattern = "^(VN|([0-9]{2}|[0-9]{3}|[0-9]{5})(-[A-Z][A-Z0-9]{1,11})?(@[0-9]{4}-[0-9]{2}-[0-9]{2})?)$";

    /// <summary>The separator between a code and the last day of the unit that held it.</summary>
    public const char EndedSeparator = '@';

    [GeneratedRegex(@"^(VN|[0-9]{2}|[0-9]{3}|[0-9]{5})(@[0-9]{4}-[0-9]{2}-[0-9]{2})?\z")]
    private static partial Regex OfficialPattern();

    [GeneratedRegex(@"^([0-9]{2}|[0-9]{3}|[0-9]{5})-[A-Z][A-Z0-9]{1,11}(@[0-9]{4}-[0-9]{2}-[0-9]{2})?\z")]
    private static partial Regex DepartmentPattern();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]{1,11}\z")]
    private static partial Regex AbbreviationPattern();

    public static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? code) =>
        code is { Length: > 0 and <= MaxLength } && (OfficialPattern().IsMatch(code) || DepartmentPattern().IsMatch(code))
        && (!HasEnded(code) || EndedOn(code) is not null);

    /// <summary>The code a key stands for (<c>52@2025-06-30</c> → <c>52</c>; a bare code is its own).</summary>
    public static string OfficialOf(string key) => key.IndexOf(EndedSeparator) is var at and >= 0 ? key[..at] : key;

    /// <summary>The last day of the unit a key names, or null for a unit in force today.</summary>
    public static DateOnly? EndedOn(string key) =>
        key.IndexOf(EndedSeparator) is var at and >= 0 && DateOnly.TryParseExact(key.AsSpan(at + 1), "yyyy-MM-dd", out var day) ? day : null;

    /// <summary>The key of a unit holding <paramref name="code"/> until <paramref name="until"/> (null: in force today).</summary>
    public static string KeyOf(string code, DateOnly? until) =>
        until is { } day ? $"{code}{EndedSeparator}{day:yyyy-MM-dd}" : code;

    /// <summary>Whether a key names a unit that ended (not one in force today).</summary>
    public static bool HasEnded(string key) => key.Contains(EndedSeparator);

    /// <summary>A department's or division's code (<c>75-SNV</c>, <c>26278-PVHXH</c>), not an official unit's.</summary>
    public static bool IsDepartment([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? code) =>
        code is { Length: > 0 and <= MaxLength } && DepartmentPattern().IsMatch(code);


    public static bool IsValidAbbreviation(string? abbreviation) => abbreviation is not null && AbbreviationPattern().IsMatch(abbreviation);

    /// <summary>The error a caller gets for a malformed code, naming the accepted forms.</summary>
    public static DomainError Malformed(string field, string? code) => DomainError.Invalid(
        field,
        "malformed_unit_code",
        $"'{code}' is not a unit code: expected 'VN', 2 digits (province), 3 digits (district), 5 digits (commune) or '<unit>-<ABBR>' (department, e.g. '70-SNV'), optionally followed by '@<last day>' for a unit that ended (e.g. '70@2025-06-30').");

    public static string ForDepartment(string parentCode, string abbreviation) => $"{parentCode}-{abbreviation}";
}
