namespace UnitGrains.Domain;

/// <summary>
/// One unit that held an official code, and when: the code <c>52</c> has two tenures, tỉnh Bình
/// Định until 30 June 2025 (key <c>52@2025-06-30</c>) and tỉnh Gia Lai since 1 July 2025 (key <c>52</c>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CodeTenure(string Code, string Key, string Name, UnitKind Kind, DateOnly? ValidFrom, DateOnly? ValidUntil)
{
    public bool InForceOn(DateOnly day) => (ValidFrom is not { } from || day >= from) && (ValidUntil is not { } until || day <= until);

    public override string ToString() =>
        $"{Name} ({Key}, {(ValidFrom is { } f ? $"from {f:yyyy-MM-dd}" : "from before the oldest list held")}{(ValidUntil is { } u ? $" until {u:yyyy-MM-dd}" : ", in force today")})";
}

/// <summary>Which unit a code names on a date.</summary>
public static class CodeResolution
{
    /// <summary>
    /// The key of the unit holding <paramref name="code"/> on <paramref name="on"/>. Without a date,
    /// the unit holding it today — or, for a code no unit holds today, the last one that did
    /// (<c>/api/units/70</c> is tỉnh Bình Phước, which ended on 30 June 2025 and says so).
    /// A key already naming an ended unit (<c>70@2025-06-30</c>) is taken as it is.
    /// </summary>
    public static Outcome<string> Resolve(string code, IReadOnlyList<CodeTenure> tenures, DateOnly? on, DateOnly today)
    {
        if (UnitCode.HasEnded(code) || tenures.Count == 0)
        {
            return code;
        }

        if (on is not { } day)
        {
            var current = tenures.FirstOrDefault(t => t.InForceOn(today))
                ?? tenures.Where(t => t.ValidUntil is not null).MaxBy(t => t.ValidUntil);
            return current?.Key ?? code;
        }

        return tenures.FirstOrDefault(t => t.InForceOn(day)) is { } held
            ? held.Key
            : DomainError.NotFound(
                "unit_not_in_force",
                $"No unit held the code '{code}' on {day:yyyy-MM-dd}; it was held by {string.Join("; ", tenures.OrderBy(t => t.ValidFrom ?? DateOnly.MinValue))}.");
    }
}
