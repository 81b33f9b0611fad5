using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UnitGrains.Gateway.Live;

/// <summary>Registers live push: the per-process registry of unit feeds, the scores answered from them, and their options.</summary>
public static class LiveSetup
{
    public static WebApplicationBuilder AddUnitGrainsLive(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<LiveOptions>(builder.Configuration.GetSection(LiveOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UnitFeeds>();
        builder.Services.AddSingleton<LiveStreamLimits>();
        builder.Services.AddSingleton<ScoresCache>();
        return builder;
    }
}
