using UnitGrains.Contracts;

namespace UnitGrains;

public sealed class HierarchyGrain(
    [PersistentState(StorageNames.HierarchyState, StorageNames.Units)] IPersistentState<HierarchyGrain.State> state) : Grain, IHierarchyGrain
{
    public Task<HierarchyInfo?> GetAsync() => Task.FromResult(state.State.Info);

    public async Task RecordSeededAsync(HierarchyInfo info)
    {
        state.State.Info = info;
        await state.WriteStateAsync();
    }

    [GenerateSerializer]
    public sealed class State
    {
        [Id(0)]
        public HierarchyInfo? Info { get; set; }
    }
}
