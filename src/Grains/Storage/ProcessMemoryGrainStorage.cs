using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace UnitGrains.Storage;

/// <summary>
/// Grain state held in this process for the embedded, single-silo run: every write is ETag-checked
/// as a database write would be (a stale writer is refused) and a grain never shares a mutable
/// object with its stored copy — campaigns are kept as their immutable records, the rest as bytes
/// (<see cref="UnitStateSerializer.Store{T}"/>) — but without Orleans' memory provider's grain call
/// to one of its storage grains and copy of the bytes on every write — about a fifth of the event
/// path's CPU (docs/benchmarks.md). Like Orleans' provider it holds nothing across restarts; unlike
/// it, state written on one silo is not visible on another, so a cluster of several silos must use
/// PostgreSQL (<c>--storage postgres</c>, docs/architecture.md).
/// </summary>
public sealed class ProcessMemoryGrainStorage(UnitStateSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    /// <summary>
    /// One slot per state, made once; writes swap the slot's entry with a compare-and-swap. Updating
    /// the dictionary itself on every write takes one of its few lock stripes, and under load that
    /// contention showed in the profile (docs/benchmarks.md).
    /// </summary>
    private readonly ConcurrentDictionary<(string State, GrainId Grain), Slot> _slots = new();

    private sealed class Slot
    {
        public Entry? Current;
    }

    /// <summary>Reference-compared on purpose: a compare-and-swap must see the very entry it read.</summary>
    private sealed class Entry(object? stored, long version)
    {
        /// <summary>Nothing a grain can change (<see cref="UnitStateSerializer.Store{T}"/>); null once cleared.</summary>
        public object? Stored { get; } = stored;

        /// <summary>Counts on across a clear, so an ETag from before the clear never matches a later write.</summary>
        public long Version { get; } = version;

        public string? ETag => Stored is null ? null : Version.ToString(CultureInfo.InvariantCulture);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_slots.TryGetValue((stateName, grainId), out var slot) && Volatile.Read(ref slot.Current) is { Stored: { } stored } entry)
        {
            grainState.State = serializer.Load<T>(stored) ?? Create<T>();
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Create<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = serializer.Store(grainState.State);
        var slot = _slots.GetOrAdd((stateName, grainId), static _ => new Slot());
        var current = Volatile.Read(ref slot.Current);
        Check(current, grainState.ETag);
        var next = new Entry(stored, (current?.Version ?? 0) + 1);
        if (Interlocked.CompareExchange(ref slot.Current, next, current) != current)
        {
            // Another writer of the same state got in between the check and the swap.
            throw new InconsistentStateException($"State '{stateName}' of {grainId} changed while being written.", Volatile.Read(ref slot.Current)?.ETag, grainState.ETag);
        }

        grainState.ETag = next.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var slot = _slots.GetValueOrDefault((stateName, grainId));
        var current = slot is null ? null : Volatile.Read(ref slot.Current);
        Check(current, grainState.ETag);
        if (current is { Stored: not null } && Interlocked.CompareExchange(ref slot!.Current, new Entry(null, current.Version), current) != current)
        {
            throw new InconsistentStateException($"State '{stateName}' of {grainId} changed while being cleared.", Volatile.Read(ref slot.Current)?.ETag, grainState.ETag);
        }

        grainState.State = Create<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>The writer must hold the stored version: none for a state never written (or cleared), else its ETag.</summary>
    private static void Check(Entry? current, string? etag)
    {
        if (current?.ETag != etag)
        {
            throw new InconsistentStateException($"Stale write: the state is at version '{current?.ETag ?? "none"}', the writer read '{etag ?? "none"}'.", current?.ETag, etag);
        }
    }

    private T Create<T>() => activators.GetActivator<T>().Create();
}
