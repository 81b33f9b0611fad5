using Orleans.Serialization;
using Orleans.Storage;
using UnitGrains.Storage;

namespace UnitGrains.Hosting;

/// <summary>
/// Grain state in Orleans' own binary format, written through the serializer's pooled buffer (the
/// stock <see cref="OrleansGrainStorageSerializer"/> grows a fresh buffer from 256 bytes on every
/// write). A unit's campaigns, written on every task completion, are stored record by record
/// (<see cref="StoredCampaigns"/>) so only the records that changed are serialized again.
/// </summary>
public sealed class UnitStateSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(input is UnitCampaignsState campaigns
        ? serializer.SerializeToArray(campaigns.Encoding.Encode(campaigns, serializer))
        : serializer.SerializeToArray(input));

    public T? Deserialize<T>(BinaryData input) => typeof(T) == typeof(UnitCampaignsState)
        ? Load<T>(serializer.Deserialize<StoredCampaigns>(input.ToMemory()) ?? throw new InvalidDataException("Stored campaigns are empty."))
        : serializer.Deserialize<T>(input.ToMemory());

    /// <summary>
    /// The stored form of a state for a store that keeps objects (<see cref="ProcessMemoryGrainStorage"/>):
    /// immutable, holding only byte arrays. A unit's campaigns keep the very arrays their encoding
    /// holds for the next write, so the bytes of a campaign are in memory once, not twice.
    /// </summary>
    public object Store<T>(T? state) => state is UnitCampaignsState campaigns
        ? campaigns.Encoding.Encode(campaigns, serializer)
        : serializer.SerializeToArray(state);

    /// <summary>A state decoded afresh from what <see cref="Store{T}"/> returned: it shares no object the reader could change.</summary>
    public T? Load<T>(object stored) => stored switch
    {
        StoredCampaigns campaigns => (T)(object)CampaignsEncoding.Decode(campaigns, serializer),
        byte[] bytes => serializer.Deserialize<T>(bytes),
        _ => throw new InvalidDataException($"Cannot load a {typeof(T).Name} from a {stored.GetType().Name}."),
    };
}
