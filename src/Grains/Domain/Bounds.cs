namespace UnitGrains.Domain;

/// <summary>
/// How much a campaign may hold, chosen from the real world with room to spare. With every figure
/// and list bounded, no count, sum or rate over a campaign, a report or a whole nation's subtree
/// can leave the range of <see cref="int"/> or <see cref="decimal"/>: a province's consolidated
/// outputs are at most units × tasks × outputs × <see cref="MaxQuantity"/>, far below
/// <see cref="decimal.MaxValue"/>. docs/api.md lists them for clients.
/// </summary>
public static class Bounds
{
    /// <summary>
    /// The largest output, target or reported figure. A province counts dossiers in the millions a
    /// year and articles in the thousands; a billion is beyond any of them, a typo is not.
    /// </summary>
    public const decimal MaxQuantity = 1_000_000_000m;

    /// <summary>Figures are counts or percentages (99.5 %): four decimals are more than any needs.</summary>
    public const int QuantityDecimals = 4;

    /// <summary>Tasks in one unit's campaign: the seed plans have at most a few dozen.</summary>
    public const int MaxTasks = 1_000;

    /// <summary>The longest plan filed year by year (<see cref="PlanYears"/>): the reform programmes run ten years.</summary>
    public const int MaxPlanYears = 10;

    /// <summary>Measured outputs of one task.</summary>
    public const int MaxOutputsPerTask = 20;

    /// <summary>Items of one list in a plan (legal bases, targets, key activities, assignments, duties, coordinators).</summary>
    public const int MaxListItems = 100;

    /// <summary>No document a plan cites is older than the state it belongs to (2 September 1945).</summary>
    public static readonly DateOnly EarliestDate = new(1945, 9, 2);

    /// <summary>The last day of the last campaign year (<c>CampaignYear.Max</c>): no date in a campaign is later.</summary>
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>
    /// A figure within [0, <see cref="MaxQuantity"/>] (above 0 when <paramref name="positive"/>),
    /// with at most <see cref="QuantityDecimals"/> decimals; null when it is not.
    /// </summary>
    /// <param name="label">What the figure is, for the message (e.g. "The target of output 'articles'"); the field by default.</param>
    public static DomainError? CheckQuantity(string field, decimal value, bool positive, string? label = null)
    {
        var what = label ?? $"'{field}'";
        if (positive ? value <= 0 : value < 0)
        {
            return DomainError.Invalid(field, positive ? "not_positive" : "negative", $"{what} must be {(positive ? "greater than 0" : "0 or more")}, not {value}.");
        }

        if (value > MaxQuantity)
        {
            return DomainError.Invalid(field, "out_of_range", $"{what} is {value}; at most {MaxQuantity:N0} is accepted.");
        }

        return decimal.Round(value, QuantityDecimals) != value
            ? DomainError.Invalid(field, "too_precise", $"{what} has more than {QuantityDecimals} decimals ({value}).")
            : null;
    }

    /// <summary>
    /// A stored figure as the rules may use it: itself when within bounds, else clamped into them.
    /// Values that bypassed validation (written before the bounds existed, or by a bug) are
    /// counted at the bound, so a unit whose state is wrong still reads and rolls up.
    /// </summary>
    public static decimal Clamp(decimal value) => value < 0 ? 0 : value > MaxQuantity ? MaxQuantity : value;

    public static bool IsValidQuantity(decimal value) => value >= 0 && value <= MaxQuantity;
}
