using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using UnitGrains.Contracts;

namespace UnitGrains.Gateway.Tests;

/// <summary>A gateway whose live streams beat every second and renew their upstream watches every second.</summary>
public sealed class QuickLiveGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("UnitGrains:Live:HeartbeatSeconds", "1"),
        new("UnitGrains:Live:RenewSeconds", "1"),
    ];
}

/// <summary>
/// The timing side of live push, on a gateway of its own (these tests deactivate every grain):
/// heartbeats keep an idle stream talking, and a unit that was deactivated — forgetting its
/// watchers — is watched again at the next renewal, its subscribers brought up to date and still
/// hearing later changes.
/// </summary>
public sealed class LiveRenewalTests(QuickLiveGatewayFactory factory) : IClassFixture<QuickLiveGatewayFactory>
{
    private static readonly int Year = DateTime.UtcNow.AddHours(7).Year;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task An_idle_stream_carries_heartbeat_comments()
    {
        await using var live = await SseStream.OpenAsync(_http, "/api/units/VN/live");
        await live.NextAsync(e => e.Event == "scores", Patience, "the snapshot on connect");

        await live.CommentAsync("keep-alive", TimeSpan.FromSeconds(5));
        await live.CommentAsync("keep-alive", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_deactivated_unit_is_watched_again_at_the_next_renewal()
    {
        const string province = "20";
        var commune = TestData.Units.First(u => u.ParentCode == province).Code;
        await _http.PutPlanAsync(commune, Year);
        await _http.AddTaskAsync(commune, Year, TestData.Task("renewed", $"{Year}-01-31"));
        await using var live = await SseStream.OpenAsync(_http, $"/api/units/{province}/live");
        var first = long.Parse((await live.NextAsync(e => e.Event == "scores", Patience, "the snapshot on connect")).Id!);

        // Let the plan and task settle upward, so no further scores arrive unless something new happens.
        while (true)
        {
            try
            {
                first = long.Parse((await live.NextAsync(e => e.Event == "scores", TimeSpan.FromSeconds(2), "settling")).Id!);
            }
            catch (TimeoutException)
            {
                break;
            }
        }

        // Every idle activation goes, the province with its watchers among them.
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The renewal re-registers, sees a newer version than it was told of, and sends the scores.
        var caughtUp = await live.NextAsync(e => e.Event == "scores" && long.Parse(e.Id!) > first, Patience, "scores after the reactivation");
        Assert.Equal(1, await grains.GetGrain<IUnitGrain>(province).GetWatcherCountAsync());

        var response = await _http.PostAsJsonAsync($"{TestData.TasksUrl(commune, Year)}/renewed/complete", new { outputs = new { articles = 12 } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await live.NextAsync(e => e.Event == "activity" && e.Json["changes"]!.AsArray().Any(c => (string)c!["code"]! == commune && (int)c["tasksDone"]! == 1), Patience, "the completed task through the renewed watch");
        Assert.NotNull(caughtUp);
    }
}
