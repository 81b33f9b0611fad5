using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using UnitGrains.Contracts;
using UnitGrains.Storage;

namespace UnitGrains.Tests.Cluster;

/// <summary>Where a write of a unit's campaigns fails: before storage has it, or after.</summary>
public enum WriteFault
{
    /// <summary>The database refuses the write: nothing is stored.</summary>
    BeforeCommit,

    /// <summary>The write is stored, then its acknowledgement is lost (a connection dropped after commit).</summary>
    AfterCommit,

    /// <summary>The write is stored and the silo stops answering before the grain does: the test kills it.</summary>
    HangAfterCommit,
}

/// <summary>
/// One store shared by every silo of a test cluster (as a database is), with one-shot faults armed
/// per grain on campaign writes, and the silo that was writing when a hang began.
/// </summary>
public sealed class FaultyStore
{
    private readonly Dictionary<GrainId, WriteFault> _armed = [];

    /// <summary>
    /// The store itself, with a serializer of its own: a silo's serializer dies with the silo, and
    /// the store outlives the silos a test kills.
    /// </summary>
    public IGrainStorage Inner { get; } = CreateStore();

    public TaskCompletionSource<SiloAddress> Hung { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends a hang without a kill: the write then fails as <see cref="WriteFault.AfterCommit"/> does.</summary>
    public TaskCompletionSource Release { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static IGrainStorage CreateStore()
    {
        var services = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(UnitGrains.UnitGrain).Assembly))
            .BuildServiceProvider();
        return ActivatorUtilities.CreateInstance<UnitGrains.Storage.ProcessMemoryGrainStorage>(
            services, new UnitGrains.Storage.UnitStateSerializer(services.GetRequiredService<Serializer>()));
    }

    public void Arm(GrainId grain, WriteFault fault)
    {
        lock (_armed)
        {
            _armed[grain] = fault;
            Hung = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public WriteFault? Take(GrainId grain, string stateName)
    {
        lock (_armed)
        {
            return stateName == StorageNames.UnitCampaignsState && _armed.Remove(grain, out var fault) ? fault : null;
        }
    }
}

/// <summary>A silo's view of the <see cref="FaultyStore"/>: the shared store, failing where armed.</summary>
public sealed class FaultyStorage(FaultyStore store, IGrainStorage inner, SiloAddress silo) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var fault = store.Take(grainId, stateName);
        if (fault == WriteFault.BeforeCommit)
        {
            throw new StorageUnavailableException("Injected: the database refused the write.");
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (fault == WriteFault.AfterCommit)
        {
            throw new StorageUnavailableException("Injected: the write was committed, its acknowledgement lost.");
        }

        if (fault == WriteFault.HangAfterCommit)
        {
            var release = store.Release.Task;
            store.Hung.TrySetResult(silo);
            await release;
            throw new StorageUnavailableException("Injected: the hang was released.");
        }
    }
}
