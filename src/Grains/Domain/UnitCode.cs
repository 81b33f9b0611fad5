using System.Text.RegularExpressions;

namespace UnitGrains.Domain;

/// <summary>
/// Unit codes: <c>VN</c> for the nation, the official GSO codes (2 digits for a province, 3 for a
/// district, 5 for a commune; leading zeros matter, so codes are text), and for departments the
/// code of the unit they belong to, a dash and the catalogue's abbreviation (<c>70-SNV</c>), which
/// stays stable as long as the parent does.
/// </summary>
public static partial class UnitCode
{
    public const string Nation = "VN";

    public const int MaxLength = 24;

    /// <summary>Any unit code, official or a department's, as clients are told of it (ECMA regex, for the API's contract).</summary>
    public const string Pattern = "^(VN|([0-9]{2}|[0-9]{3}|[0-9]{5})(-[A-Z][A-Z0-9]{1,11})?)$";

    [GeneratedRegex(@"^(VN|[0-9]{2}|[0-9]{3}|[0-9]{5})\z")]
    private static partial Regex OfficialPattern();

    [GeneratedRegex(@"^([0-9]{2}|[0-9]{3}|[0-9]{5})-[A-Z][A-Z0-9]{1,11}\z")]
    private static partial Regex DepartmentPattern();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]{1,11}\z")]
    private static partial Regex AbbreviationPattern();

    public static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? code) =>
        code is { Length: > 0 and <= MaxLength } && (OfficialPattern().IsMatch(code) || DepartmentPattern().IsMatch(code));

    /// <summary>A department's or division's code (<c>75-SNV</c>, <c>26278-PVHXH</c>), not an official unit's.</summary>
    public static bool IsDepartment([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? code) =>
        code is { Length: > 0 and <= MaxLength } && DepartmentPattern().IsMatch(code);

    public static bool IsValidAbbreviation(string? abbreviation) => abbreviation is not null && AbbreviationPattern().IsMatch(abbreviation);

    /// <summary>The error a caller gets for a malformed code, naming the accepted forms.</summary>
    public static DomainError Malformed(string field, string? code) => DomainError.Invalid(
        field,
        "malformed_unit_code",
        $"'{code}' is not a unit code: expected 'VN', 2 digits (province), 3 digits (district), 5 digits (commune) or '<unit>-<ABBR>' (department, e.g. '70-SNV').");

    public static string ForDepartment(string parentCode, string abbreviation) => $"{parentCode}-{abbreviation}";
}
