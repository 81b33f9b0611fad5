using Npgsql;
using Orleans.Storage;
using UnitGrains.Contracts;

namespace UnitGrains.Storage.Postgres;

/// <summary>
/// What grains see of the ADO.NET provider, with two corrections:
/// <list type="bullet">
/// <item>Unit codes stay distinct. The provider reads a grain key that parses as hex as an integer
/// key (<c>GrainIdKeyExtensions.TryGetIntegerKey</c>), so province "01", district "001" and
/// commune "00001" would share one row. A prefix that is not hex makes every code a string key.</item>
/// <item>A database failure becomes <see cref="StorageUnavailableException"/>: Npgsql's exceptions
/// cannot be serialized, so a caller would get a codec error instead of the reason — also when
/// the failure is in loading the state of a grain being activated, which no grain code sees.</item>
/// </list>
/// </summary>
public sealed class AdoNetStorageAdapter(IGrainStorage inner) : IGrainStorage
{
    private const string Prefix = "k:";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.ReadStateAsync(stateName, AsStringKey(grainId), grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.WriteStateAsync(stateName, AsStringKey(grainId), grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => inner.ClearStateAsync(stateName, AsStringKey(grainId), grainState));

    public static GrainId AsStringKey(GrainId grainId) => GrainId.Create(grainId.Type, IdSpan.Create(Prefix + grainId.Key));

    public static bool IsDatabaseFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs a storage operation, a database failure surfacing as <see cref="StorageUnavailableException"/>.</summary>
    internal static async Task Guard(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (IsDatabaseFailure(e))
        {
            throw new StorageUnavailableException($"The database could not be reached: {e.GetBaseException().Message}");
        }
    }
}
