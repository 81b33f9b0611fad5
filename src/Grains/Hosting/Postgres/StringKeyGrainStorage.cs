using Orleans.Storage;

namespace UnitGrains.Hosting.Postgres;

/// <summary>
/// Keeps unit codes distinct in the ADO.NET provider. It reads a grain key that parses as hex as an
/// integer key (<c>GrainIdKeyExtensions.TryGetIntegerKey</c>), so provinces "04" and communes
/// "00004" or "004" would share one row. Prefixing the key with a character that is not hex
/// makes every code a string key, stored as written.
/// </summary>
public sealed class StringKeyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private const string Prefix = "k:";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, AsStringKey(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, AsStringKey(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, AsStringKey(grainId), grainState);

    public static GrainId AsStringKey(GrainId grainId) => GrainId.Create(grainId.Type, IdSpan.Create(Prefix + grainId.Key));
}
