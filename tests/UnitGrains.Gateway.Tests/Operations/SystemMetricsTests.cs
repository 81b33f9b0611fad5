using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The system's own metrics (meter <c>UnitGrains</c>) on the gateway's <c>/metrics</c>: a task
/// completed at a commune is counted at every level on its way to the nation, its propagation
/// latency is measured, the nation's open escalations and seeding progress are reported, and no
/// metric is labelled per unit.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SystemMetricsTests(GatewayFactory factory)
{
    private const int Year = 2026;
    private const string Applied = "unitgrains_summaries_applied_total";
    private const string Published = "unitgrains_summaries_published_total";
    private const string Latency = "unitgrains_propagation_latency_seconds";
    private static readonly string[] AllowedLabels = ["otel_scope_name", "otel_scope_version", "level", "source", "le"];

    private readonly HttpClient _http = factory.CreateClient();

    private Task<PrometheusText> ScrapeAsync() => PrometheusText.ScrapeAsync(_http);

    private async Task<JsonObject> GetObjectAsync(string url) => await _http.GetOkAsync<JsonObject>(url);

    private async Task<int> NationTasksDoneAsync() => (int)(await GetObjectAsync($"/api/units/VN/scores?year={Year}"))["subtree"]!["counts"]!["tasksDone"]!;

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_completion_at_a_commune_is_counted_at_every_level_up_to_the_nation_with_its_latency()
    {
        var commune = TestData.FreshCommune();
        var province = TestData.Units.Single(u => u.Code == commune).ParentCode!;
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync(TestData.PlanUrl(commune, Year), TestData.Plan(Year))).StatusCode);
        await _http.AddTaskAsync(commune, Year, TestData.Task("metrics", dueDate: "2026-12-31"));
        // Let the plan's own changes reach the nation first, so what follows is the completion's.
        var before = await QuietScrapeAsync();
        var nationBefore = await NationTasksDoneAsync();

        var completed = await _http.PostAsJsonAsync($"{TestData.TasksUrl(commune, Year)}/metrics/complete", new { outputs = new { articles = 12 } });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        await EventuallyAsync(NationTasksDoneAsync, done => done > nationBefore, "the nation counts the completion");
        var after = await EventuallyAsync(ScrapeAsync, m => m.Sum($"{Latency}_count", ("level", "nation")) > before.Sum($"{Latency}_count", ("level", "nation")), "the nation's latency is recorded");

        Assert.True(after.Sum(Published, ("level", "commune")) > before.Sum(Published, ("level", "commune")), "the commune published");
        Assert.True(after.Sum(Published, ("level", "province")) > before.Sum(Published, ("level", "province")), "the province published");
        Assert.True(after.Sum(Applied, ("level", "province")) > before.Sum(Applied, ("level", "province")), $"province {province} applied the commune's summary");
        Assert.True(after.Sum(Applied, ("level", "nation")) > before.Sum(Applied, ("level", "nation")), "the nation applied the province's summary");
        Assert.Equal("counter", after.Types[Applied]);
        Assert.Equal("counter", after.Types[Published]);
        Assert.Equal("histogram", after.Types[Latency]);

        foreach (var level in new[] { "province", "nation" })
        {
            AssertSaneHistogram(after, level);
            var count = after.Sum($"{Latency}_count", ("level", level)) - before.Sum($"{Latency}_count", ("level", level));
            var sum = after.Sum($"{Latency}_sum", ("level", level)) - before.Sum($"{Latency}_sum", ("level", level));
            Assert.True(count > 0, $"latency recorded at {level}");
            // Commune → nation is two hops of ~10 ms polling plus coalescing: well under ten seconds.
            Assert.InRange(sum / count, 0, 10);
        }
    }

    /// <summary>A scrape once summaries stopped flowing (two scrapes ~0.5 s apart agree).</summary>
    private async Task<PrometheusText> QuietScrapeAsync()
    {
        var previous = await ScrapeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await Task.Delay(500);
            var current = await ScrapeAsync();
            if (current.Sum(Applied) == previous.Sum(Applied) && current.Sum(Published) == previous.Sum(Published))
            {
                return current;
            }

            Assert.True(DateTime.UtcNow < deadline, "Summaries kept flowing for 30 s.");
            previous = current;
        }
    }

    [Fact]
    public async Task Seeding_is_reported_complete()
    {
        var metrics = await ScrapeAsync();

        var seeded = Assert.Single(metrics["unitgrains_seed_units_seeded"]).Value;
        var expected = Assert.Single(metrics["unitgrains_seed_units_expected"]).Value;
        Assert.Equal(expected, seeded);
        // The July 2025 list and the departments of the nation, the provinces and the communes.
        Assert.True(expected >= TestData.Units.Count, $"expected {expected} ≥ {TestData.Units.Count} units");
        Assert.Equal("gauge", metrics.Types["unitgrains_seed_units_seeded"]);
    }

    [Fact]
    public async Task Open_escalations_at_the_nation_match_the_api_and_follow_an_overdue_task()
    {
        var commune = TestData.FreshCommune();
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync(TestData.PlanUrl(commune, Year), TestData.Plan(Year))).StatusCode);
        await EventuallyAsync(ConsistentAsync, r => r.Gauge == r.Api, "the gauge agrees with the API");

        // A task due long ago is overdue at once, and long past the grace periods: its escalation has
        // climbed to the nation. Other units' escalations may open and close meanwhile (obligations
        // delivered by earlier tests, deadlines passing on the real clock), so this one is looked for
        // by name, and the gauge is compared with the API's total at the same moment.
        await _http.AddTaskAsync(commune, Year, TestData.Task("overdue", dueDate: "2026-01-15"));
        var escalation = await EventuallyAsync(OpenEscalationAsync, e => e is not null, "the task's escalation is open");
        Assert.True((int)escalation!["level"]! >= (int)escalation["originDepth"]!, $"the escalation has reached the nation: {escalation.ToJsonString()}");
        var raised = await EventuallyAsync(ConsistentAsync, r => r.Gauge == r.Api, "the gauge agrees with the API with the escalation open");
        Assert.True(raised.Api > 0, "the open escalation is counted");
        Assert.Equal("gauge", (await ScrapeAsync()).Types["unitgrains_escalations_open"]);

        var completed = await _http.PostAsJsonAsync($"{TestData.TasksUrl(commune, Year)}/overdue/complete", new { outputs = new { articles = 12 } });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        await EventuallyAsync(OpenEscalationAsync, e => e is null, "the escalation is resolved");
        var resolved = await EventuallyAsync(ConsistentAsync, r => r.Gauge == r.Api, "the gauge agrees with the API after the resolution");
        Assert.True(resolved.Gauge >= 0);

        // The commune's list holds its own escalations (and what reached it from below: nothing, for a commune).
        async Task<JsonNode?> OpenEscalationAsync()
        {
            var page = await GetObjectAsync($"/api/units/{commune}/escalations?limit=100&year={Year}");
            return page["items"]!.AsArray().FirstOrDefault(e => (string)e!["item"]! == "task:overdue");
        }

        async Task<(double Gauge, int Api)> ConsistentAsync()
        {
            var api = (int)(await GetObjectAsync("/api/units/VN/escalations?limit=1&scope=subtree"))["total"]!;
            var gauge = (await ScrapeAsync())["unitgrains_escalations_open"].SingleOrDefault()?.Value ?? -1;
            return (gauge, api);
        }
    }

    [Fact]
    public async Task The_system_metrics_carry_no_per_unit_labels()
    {
        // A scores read, so the gateway's own counter is among the series checked.
        await GetObjectAsync($"/api/units/VN/scores?year={Year}");
        var metrics = await ScrapeAsync();

        var ours = metrics.Samples.Where(s => s.Name.StartsWith("unitgrains_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, s => Assert.All(s.Labels.Keys, label => Assert.Contains(label, AllowedLabels)));
        var levels = ours.Select(s => s["level"]).OfType<string>().ToHashSet();
        Assert.Subset(new HashSet<string> { "nation", "province", "district", "commune", "department" }, levels);
        var sources = ours.Where(s => s.Name == "unitgrains_gateway_score_reads_total").Select(s => s["source"]).ToHashSet();
        Assert.NotEmpty(sources);
        Assert.Subset(new HashSet<string?> { "kept", "refreshing", "unit" }, sources);
    }

    private static void AssertSaneHistogram(PrometheusText metrics, string level)
    {
        var buckets = metrics[$"{Latency}_bucket"].Where(s => s["level"] == level).ToList();
        var bounds = buckets.Select(b => b["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(b["le"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, double.PositiveInfinity], bounds);
        var counts = buckets.Select(b => b.Value).ToList();
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(metrics.Sum($"{Latency}_count", ("level", level)), counts[^1]);
        Assert.True(metrics.Sum($"{Latency}_sum", ("level", level)) >= 0);
    }
}
