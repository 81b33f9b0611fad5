using Orleans.Serialization;
using Orleans.Storage;
using UnitGrains.Storage;

namespace UnitGrains.Storage;

/// <summary>
/// Grain state in Orleans' own binary format, written through the serializer's pooled buffer (the
/// stock <see cref="OrleansGrainStorageSerializer"/> grows a fresh buffer from 256 bytes on every
/// write). A unit's campaigns, written on every task completion, are stored record by record
/// (<see cref="StoredCampaigns"/>) so only the records that changed are serialized again.
/// </summary>
public sealed class UnitStateSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(input is UnitCampaignsState campaigns
        ? serializer.SerializeToArray(campaigns.Encoding.Encode(campaigns, serializer).ToStored())
        : serializer.SerializeToArray(input));

    public T? Deserialize<T>(BinaryData input) => typeof(T) == typeof(UnitCampaignsState)
        ? (T)(object)ReadCampaigns(input.ToMemory())
        : serializer.Deserialize<T>(input.ToMemory());

    /// <summary>
    /// Campaigns stored record by record, or — rows written before that form existed — the whole
    /// <see cref="UnitCampaignsState"/> graph; the next write stores those in the new form. A row
    /// in neither form fails with the error of the current one.
    /// </summary>
    private UnitCampaignsState ReadCampaigns(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var stored = serializer.Deserialize<StoredCampaigns>(bytes) ?? throw new InvalidDataException("Stored campaigns are empty.");
            return CampaignsEncoding.Decode(stored, serializer);
        }
        catch (Exception e) when (e is not OutOfMemoryException && ReadWholeGraph(bytes) is { } earlier)
        {
            return earlier;
        }
    }

    private UnitCampaignsState? ReadWholeGraph(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return serializer.Deserialize<UnitCampaignsState>(bytes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>
    /// The stored form of a state for a store that keeps objects (<see cref="ProcessMemoryGrainStorage"/>):
    /// nothing the writer can change later. A unit's campaigns are immutable records and are kept as
    /// they are (<see cref="CampaignsSnapshot"/>), the rest as bytes.
    /// </summary>
    public object Store<T>(T? state) => state is UnitCampaignsState campaigns
        ? CampaignsSnapshot.Of(campaigns)
        : serializer.SerializeToArray(state);

    /// <summary>A state of the reader's own from what <see cref="Store{T}"/> returned: it shares no object the reader could change.</summary>
    public T? Load<T>(object stored) => stored switch
    {
        CampaignsSnapshot campaigns => (T)(object)campaigns.ToState(),
        byte[] bytes => serializer.Deserialize<T>(bytes),
        _ => throw new InvalidDataException($"Cannot load a {typeof(T).Name} from a {stored.GetType().Name}."),
    };
}
