namespace UnitGrains.Domain;

/// <summary>
/// A page of a long list (<c>?offset=&amp;limit=</c>): checked in one place for every list, with
/// the arithmetic done in <see cref="long"/> so an offset near <see cref="int.MaxValue"/> is a
/// clear 400, not an overflow.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct PageRequest(int Offset, int Limit)
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    /// <summary>
    /// The page a client asked for, defaults filled in; <paramref name="maxDepth"/> bounds
    /// offset + limit for lists gathered by asking down the tree.
    /// </summary>
    public static Outcome<PageRequest> From(int? offset, int? limit, int maxDepth = int.MaxValue) =>
        new PageRequest(offset ?? 0, limit ?? DefaultLimit).Check(maxDepth);

    public Outcome<PageRequest> Check(int maxDepth = int.MaxValue)
    {
        if (Offset < 0)
        {
            return DomainError.Invalid("offset", "out_of_range", $"'offset' must be 0 or more, not {Offset}.");
        }

        if (Limit is < 1 or > MaxLimit)
        {
            return DomainError.Invalid("limit", "out_of_range", $"'limit' must be 1–{MaxLimit}, not {Limit}.");
        }

        return (long)Offset + Limit > maxDepth
            ? DomainError.Invalid("offset", "out_of_range", $"This list is paged to a depth of {maxDepth:N0}: offset + limit must not pass it ({(long)Offset + Limit:N0}).")
            : this;
    }

    /// <summary>One past the last item of the page (within the depth <see cref="Check"/> allowed).</summary>
    public int End => Offset + Limit;
}
