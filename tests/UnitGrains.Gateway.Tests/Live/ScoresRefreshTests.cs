using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UnitGrains.Contracts;
using UnitGrains.Domain;

namespace UnitGrains.Gateway.Tests.Live;

/// <summary>Kept scores trusted for one second, and watches renewed only every minute (no renewal interferes).</summary>
public sealed class ShortFreshnessGatewayFactory : GatewayFactory
{
    public const int FreshMilliseconds = 1000;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("UnitGrains:Live:RenewSeconds", "60"),
        new("UnitGrains:Live:CachedReadMilliseconds", FreshMilliseconds.ToString()),
    ];
}

/// <summary>
/// Kept scores past their freshness: one read asks the unit while the others are answered with the
/// kept scores, so the reads of a unit that pushed nothing for a moment (the nation, busy) are one
/// grain call, not one per read waiting in the unit's queue.
/// </summary>
public sealed class ScoresRefreshTests(ShortFreshnessGatewayFactory factory) : IClassFixture<ShortFreshnessGatewayFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    private async Task<JsonObject> ScoresAsync(string unit)
    {
        var response = await _http.GetAsync($"/api/units/{unit}/scores");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Reads_past_freshness_ask_the_unit_once_and_are_answered_with_the_kept_scores_meanwhile()
    {
        using var counted = new ScoreReadCounts(factory.Services.GetRequiredService<IMeterFactory>());
        // The nation: nothing in this gateway writes, so it is quiet, and refreshing its subtree keeps it busy a while.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (counted.Kept == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "reads were never answered from kept scores");
            await ScoresAsync(UnitCode.Nation);
        }

        // The scenario needs the nation still busy when the first read reaches it. Which of the two
        // calls the nation takes first is not ordered, and when the read wins it is answered at once
        // and nothing arrives meanwhile: then the scenario is run again, not judged.
        for (var attempt = 1; ; attempt++)
        {
            if (await RefreshWhileBusyAsync(counted))
            {
                return;
            }

            Assert.True(attempt < 5, "in 5 attempts the nation answered the first read before any other read arrived");
        }
    }

    /// <summary>One try: false when the first read was answered before another could be made.</summary>
    private async Task<bool> RefreshWhileBusyAsync(ScoreReadCounts counted)
    {
        // Nothing confirms the kept scores of a quiet unit: they go past their freshness.
        await Task.Delay(ShortFreshnessGatewayFactory.FreshMilliseconds * 2);
        var (kept, refreshing, unit) = (counted.Kept, counted.Refreshing, counted.Unit);

        // The nation busy (re-evaluating every unit below it, a call down to each child): a read asking it
        // waits, as reads of the nation wait behind summaries under load.
        var busy = factory.Services.GetRequiredService<IGrainFactory>().GetUnit(UnitCode.Nation).RefreshAsync(subtree: true);
        var first = ScoresAsync(UnitCode.Nation);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (counted.Unit == unit)
        {
            // The first read reaches the gateway before the others, and is the one that asks the unit.
            Assert.True(DateTime.UtcNow < deadline, "the first read never asked the unit");
            await Task.Delay(1);
        }

        var meanwhile = new List<JsonObject>();
        while (!first.IsCompleted)
        {
            // Without the single refresh, this read would ask the unit too and wait for it.
            meanwhile.Add(await ScoresAsync(UnitCode.Nation));
        }

        var refreshed = await first;
        await busy;
        if (meanwhile.Count == 0)
        {
            return false;
        }

        Assert.Equal(1, counted.Unit - unit);
        // Answered here without waiting: by the refresh rule, or as current once a push (the busy nation may
        // publish what its refresh found) or the refresh itself confirmed the kept scores.
        Assert.True(counted.Refreshing > refreshing, "reads arriving during the refresh are answered with the kept scores");
        Assert.Equal(meanwhile.Count, counted.Refreshing - refreshing + counted.Kept - kept);
        // Never moving back: each answer is at least as new as the one before, and the refreshed one the newest.
        var versions = meanwhile.Select(m => (long)m["version"]!).Append((long)refreshed["version"]!).ToList();
        Assert.Equal(versions.Order(), versions);
        return true;
    }
}
