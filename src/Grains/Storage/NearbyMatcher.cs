namespace UnitGrains.Storage;

/// <summary>
/// Finds each item of a new version of a list in the version before, by reference, where the items
/// before it were found and one place either side: tasks keep their places, a new idempotency
/// record is put in front and expired ones drop off the end. No hashing: a changed item is simply
/// not found. Used item by item, in order (<see cref="EncodedList{T}"/>, <see cref="ListDelta"/>).
/// </summary>
internal struct NearbyMatcher<T>(IReadOnlyList<T>? before)
    where T : class
{
    private int _shift;

    /// <summary>Where the item at <paramref name="index"/> of the new list was in the list before; −1 when it is not there.</summary>
    public int Find(T item, int index)
    {
        if (before is null)
        {
            return -1;
        }

        for (var at = index + _shift - 1; at <= index + _shift + 1; at++)
        {
            if ((uint)at < (uint)before.Count && ReferenceEquals(before[at], item))
            {
                _shift = at - index;
                return at;
            }
        }

        return -1;
    }
}
