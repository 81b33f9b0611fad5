using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// Every list on PostgreSQL with the seed plans: a past year's history is rebuilt from the dated
/// facts — the day tỉnh Bình Phước issued its 2022 plan, not the day it was entered — and is the
/// same after the whole cluster is stopped and started again.
/// </summary>
public sealed class HistoryRestartTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_past_years_history_is_dated_by_its_facts_and_survives_a_restart()
    {
        await using var cluster = new ProcessCluster("history", await fixture.Server.CreateDatabaseAsync("history_restart"), "all", "75", siloCount: 1, importSeedPlans: true);
        await cluster.StartAsync();

        var before = await HistoryAsync(cluster, "/api/units/70/scores/history?year=2022");
        var daily = before["daily"]!.AsArray();
        Assert.Equal(365, daily.Count);
        Assert.StartsWith("2022-01-01", (string)daily[0]!["at"]!);

        // Plan 06/KH-UBND of Bình Phước was issued on 6 June 2022: its subtree score moves that day.
        var score = daily.ToDictionary(p => ((string)p!["at"]!)[..10], p => (double?)p!["score"]);
        Assert.NotEqual(score["2022-06-05"], score["2022-06-06"]);

        // Đồng Nai of today carries Bình Phước's 2022 in its history too.
        var dongNai = (await HistoryAsync(cluster, "/api/units/75/scores/history?year=2022"))["daily"]!.AsArray();
        Assert.Equal(365, dongNai.Count);

        await cluster.StopAsync();
        await cluster.StartAsync();

        var after = await HistoryAsync(cluster, "/api/units/70/scores/history?year=2022");
        Assert.Equal(daily.ToJsonString(), after["daily"]!.ToJsonString());
    }

    private static async Task<JsonObject> HistoryAsync(ProcessCluster cluster, string url) =>
        (await cluster.Http.GetFromJsonAsync<JsonObject>(url))!;
}
