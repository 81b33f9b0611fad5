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
        ? (T)(object)CampaignsEncoding.Decode(serializer.Deserialize<StoredCampaigns>(input.ToMemory()) ?? throw new InvalidDataException("Stored campaigns are empty."), serializer)
        : serializer.Deserialize<T>(input.ToMemory());
}
