using System.Buffers;
using Orleans.Serialization;

namespace UnitGrains.Storage;

/// <summary>
/// A list of immutable records serialized one record at a time into one buffer, remembering where
/// each ends. Encoding a new version of the list copies the bytes of every record that is still the
/// very same object and serializes only the new ones: completing one task of sixty re-serializes one
/// task. Serializing the whole campaign graph instead cost most of a completion's CPU, chiefly in
/// Orleans' reference tracking, which hashes every object of the graph once it passes 64 objects
/// (docs/benchmarks.md). Invariant: bytes <c>[Ends[i-1], Ends[i])</c> are the serialization of
/// <c>Items[i]</c>; it holds whatever becomes of the write that used them.
/// </summary>
public sealed class EncodedList<T>
    where T : class
{
    private EncodedList(IReadOnlyList<T> items, StoredList stored)
    {
        Items = items;
        Stored = stored;
    }

    public IReadOnlyList<T> Items { get; }

    public StoredList Stored { get; }

    public static EncodedList<T> Empty { get; } = new([], new StoredList([], []));

    public static EncodedList<T> Encode(IReadOnlyList<T> items, EncodedList<T>? previous, Serializer serializer)
    {
        if (previous is not null && ReferenceEquals(previous.Items, items))
        {
            return previous;
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, previous?.Stored.Bytes.Length + 512 ?? 0));
        var ends = new int[items.Count];
        var shift = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = previous?.Find(item, i + shift) ?? -1;
            if (at >= 0)
            {
                shift = at - i;
                buffer.Write(previous!.Stored.Slice(at).Span);
            }
            else
            {
                serializer.Serialize(item, buffer);
            }

            ends[i] = buffer.WrittenCount;
        }

        return new EncodedList<T>(items, new StoredList(buffer.WrittenSpan.ToArray(), ends));
    }

    public static EncodedList<T> Decode(StoredList stored, Serializer serializer)
    {
        var items = new T[stored.Ends.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = serializer.Deserialize<T>(stored.Slice(i)) ?? throw new InvalidDataException($"Stored {typeof(T).Name} #{i} is empty.");
        }

        return new EncodedList<T>(items, stored);
    }

    /// <summary>
    /// Where <paramref name="item"/> was in this list, looked for where the items before it were
    /// found and one place either side: tasks keep their places, a new idempotency record is put in
    /// front and expired ones drop off the end. No hashing: a changed item is simply not found.
    /// </summary>
    private int Find(T item, int guess)
    {
        for (var at = guess - 1; at <= guess + 1; at++)
        {
            if ((uint)at < (uint)Items.Count && ReferenceEquals(Items[at], item))
            {
                return at;
            }
        }

        return -1;
    }
}

/// <summary>The stored form of an <see cref="EncodedList{T}"/>: the records' bytes back to back, and where each ends.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredList(byte[] Bytes, int[] Ends)
{
    public ReadOnlyMemory<byte> Slice(int i)
    {
        var start = i == 0 ? 0 : Ends[i - 1];
        return Bytes.AsMemory(start, Ends[i] - start);
    }
}
