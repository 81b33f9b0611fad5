using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains;

public sealed class CodeDirectoryGrain(
    [PersistentState(StorageNames.CodeDirectoryState, StorageNames.Units)] IPersistentState<CodeDirectoryGrain.State> state) : Grain, ICodeDirectoryGrain
{
    public Task<IReadOnlyDictionary<string, IReadOnlyList<CodeTenure>>> GetAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<CodeTenure>>>(state.State.Tenures);

    public async Task SetAsync(IReadOnlyDictionary<string, IReadOnlyList<CodeTenure>> tenures)
    {
        if (tenures.Count == state.State.Tenures.Count
            && tenures.All(t => state.State.Tenures.TryGetValue(t.Key, out var held) && held.SequenceEqual(t.Value)))
        {
            return;
        }

        var previous = state.State.Tenures;
        state.State.Tenures = tenures.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Tenures = previous;
            DeactivateOnIdle();
            throw;
        }
    }

    [GenerateSerializer]
    public sealed class State
    {
        [Id(0)]
        public Dictionary<string, IReadOnlyList<CodeTenure>> Tenures { get; set; } = new(StringComparer.Ordinal);
    }
}
