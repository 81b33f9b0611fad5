using System.Text;

namespace UnitGrains.Placement;

/// <summary>
/// Which silo owns a unit: rendezvous (highest-random-weight) hashing of the unit's key against
/// each silo's endpoint. Every silo computes the same owner from the same list, with no table to
/// share; each silo owns about one n-th of the keys; and when a silo leaves, only the keys it owned
/// move (each to the silo that scored second for it), when one joins only the keys it now scores
/// highest for move to it. A silo is named by its endpoint, not its generation, so a silo restarted
/// on the same address gets the same units back.
/// </summary>
public static class UnitOwners
{
    /// <summary>The owner of <paramref name="key"/> among <paramref name="silos"/> (non-empty), each named by <paramref name="name"/>.</summary>
    public static T Owner<T>(string key, IReadOnlyList<T> silos, Func<T, string> name)
    {
        if (silos.Count == 0)
        {
            throw new ArgumentException("No silo to place the unit on.", nameof(silos));
        }

        var keyHash = Fnv(key);
        var best = silos[0];
        var bestWeight = Weight(keyHash, name(best));
        for (var i = 1; i < silos.Count; i++)
        {
            var weight = Weight(keyHash, name(silos[i]));
            if (weight > bestWeight)
            {
                (best, bestWeight) = (silos[i], weight);
            }
        }

        return best;
    }

    private static ulong Weight(ulong keyHash, string silo) => Mix(keyHash ^ Mix(Fnv(silo)));

    /// <summary>FNV-1a over the UTF-8 bytes: stable across processes and runs, unlike string.GetHashCode.</summary>
    private static ulong Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(text) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The splitmix64 finalizer: FNV alone spreads similar keys (01, 02, …) poorly over the high bits.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
