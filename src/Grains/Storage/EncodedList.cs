using Orleans.Serialization;

namespace UnitGrains.Storage;

/// <summary>
/// A list of immutable records, each serialized on its own. Encoding a new version of the list
/// keeps the bytes of every record that is still the very same object — the same memory, not a
/// copy — and serializes only the new ones: completing one task serializes one task and copies
/// nothing. Serializing the whole campaign graph (Orleans' reference tracking hashes every object of
/// a large graph) and copying the unchanged records' bytes into one buffer were most of a
/// completion's CPU (docs/benchmarks.md). Invariant: <c>Records[i]</c> is the serialization of
/// <c>Items[i]</c>; records are never written to once made, so a write that used them may keep them.
/// Each record is a whole array of its own (a reference, not a larger memory slice): the array of
/// references is made anew on every write and survives into the grain's state, and what survives
/// each young collection is what the collector copies.
/// </summary>
public sealed class EncodedList<T>
    where T : class
{
    private readonly byte[][] _records;

    private EncodedList(IReadOnlyList<T> items, byte[][] records)
    {
        Items = items;
        _records = records;
    }

    public IReadOnlyList<T> Items { get; }

    /// <summary>Each item's bytes; unchanged items share them with the encoding before.</summary>
    public IReadOnlyList<byte[]> Records => _records;

    public static EncodedList<T> Empty { get; } = new([], []);

    public static EncodedList<T> Encode(IReadOnlyList<T> items, EncodedList<T>? previous, Serializer serializer)
    {
        if (previous is not null && ReferenceEquals(previous.Items, items))
        {
            return previous;
        }

        var records = new byte[items.Count][];
        var matcher = new NearbyMatcher<T>(previous?.Items);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = matcher.Find(item, i);
            if (at >= 0)
            {
                records[i] = previous!._records[at];
            }
            else
            {
                records[i] = serializer.SerializeToArray(item);
            }
        }

        return new EncodedList<T>(items, records);
    }

    public static EncodedList<T> Decode(IReadOnlyList<byte[]> records, Serializer serializer)
    {
        var items = new T[records.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = serializer.Deserialize<T>(records[i]) ?? throw new InvalidDataException($"Stored {typeof(T).Name} #{i} is empty.");
        }

        return new EncodedList<T>(items, [.. records]);
    }
}

/// <summary>The stored form of an <see cref="EncodedList{T}"/> in a row: the records' bytes back to back, and where each ends.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredList(byte[] Bytes, int[] Ends)
{
    private ReadOnlyMemory<byte> Slice(int i)
    {
        var start = i == 0 ? 0 : Ends[i - 1];
        return Bytes.AsMemory(start, Ends[i] - start);
    }

    /// <summary>The records again, each copied out on its own: slices would keep the whole row alive until every record in it changed.</summary>
    public byte[][] Split() => [.. Enumerable.Range(0, Ends.Length).Select(i => Slice(i).ToArray())];

    public static StoredList Of(IReadOnlyList<byte[]> records)
    {
        var bytes = new byte[records.Sum(r => r.Length)];
        var ends = new int[records.Count];
        var at = 0;
        for (var i = 0; i < records.Count; i++)
        {
            records[i].CopyTo(bytes, at);
            ends[i] = at += records[i].Length;
        }

        return new StoredList(bytes, ends);
    }
}
