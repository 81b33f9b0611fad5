namespace UnitGrains.Gateway.Live;

/// <summary>Registers live push: the per-process registry of unit feeds and its options.</summary>
public static class LiveSetup
{
    public static WebApplicationBuilder AddUnitGrainsLive(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<LiveOptions>(builder.Configuration.GetSection(LiveOptions.Section));
        builder.Services.AddSingleton<UnitFeeds>();
        return builder;
    }
}
