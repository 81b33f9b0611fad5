using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using UnitGrains.Hosting;
using UnitGrains.Storage;

namespace UnitGrains.Tests.Storage;

/// <summary>Orleans' serializer with this project's codecs, as a silo has it, without a silo.</summary>
internal static class StorageSerializers
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(UnitCampaignsState).Assembly))
        .BuildServiceProvider();

    public static Serializer Orleans => Services.GetRequiredService<Serializer>();

    public static UnitStateSerializer State => new(Orleans);

    public static Orleans.Serialization.Serializers.IActivatorProvider Activators => Services.GetRequiredService<Orleans.Serialization.Serializers.IActivatorProvider>();
}
