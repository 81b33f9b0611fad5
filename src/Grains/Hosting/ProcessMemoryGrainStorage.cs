using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace UnitGrains.Hosting;

/// <summary>
/// Grain state held in this process for the embedded, single-silo run: every write is serialized
/// and ETag-checked as a database write would be (a grain never shares a mutable object with its
/// stored copy, and a stale writer is refused), but without Orleans' memory provider's grain call
/// to one of its storage grains and copy of the bytes on every write — about a fifth of the event
/// path's CPU (docs/benchmarks.md). Like Orleans' provider it holds nothing across restarts; unlike
/// it, state written on one silo is not visible on another, so a cluster of several silos must use
/// PostgreSQL (<c>--storage postgres</c>, docs/architecture.md).
/// </summary>
public sealed class ProcessMemoryGrainStorage(UnitStateSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), Entry> _entries = new();

    /// <summary>Reference-compared on purpose: a compare-and-swap must see the very entry it read.</summary>
    private sealed class Entry(object stored, long version)
    {
        /// <summary>Immutable: bytes only (<see cref="UnitStateSerializer.Store{T}"/>).</summary>
        public object Stored { get; } = stored;

        public long Version { get; } = version;

        public string ETag => Version.ToString(CultureInfo.InvariantCulture);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_entries.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = serializer.Load<T>(entry.Stored) ?? Create<T>();
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
        var key = (stateName, grainId);
        var stored = serializer.Store(grainState.State);
        var current = _entries.GetValueOrDefault(key);
        Check(current, grainState.ETag);
        var next = new Entry(stored, (current?.Version ?? 0) + 1);
        var swapped = current is null ? _entries.TryAdd(key, next) : _entries.TryUpdate(key, next, current);
        if (!swapped)
        {
            // Another writer of the same state got in between the check and the swap.
            throw new InconsistentStateException($"State '{stateName}' of {grainId} changed while being written.", _entries.GetValueOrDefault(key)?.ETag, grainState.ETag);
        }

        grainState.ETag = next.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var current = _entries.GetValueOrDefault(key);
        Check(current, grainState.ETag);
        if (current is not null && !_entries.TryRemove(new KeyValuePair<(string, GrainId), Entry>(key, current)))
        {
            throw new InconsistentStateException($"State '{stateName}' of {grainId} changed while being cleared.", _entries.GetValueOrDefault(key)?.ETag, grainState.ETag);
        }

        grainState.State = Create<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>The writer must hold the stored version: none for a state never written, else its ETag.</summary>
    private static void Check(Entry? current, string? etag)
    {
        if (current?.ETag != etag)
        {
            throw new InconsistentStateException($"Stale write: the state is at version '{current?.ETag ?? "none"}', the writer read '{etag ?? "none"}'.", current?.ETag, etag);
        }
    }

    private T Create<T>() => activators.GetActivator<T>().Create();
}
