using System.Net;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The Orleans dashboard on the gateway's embedded silo: the page, its assets and its data API at
/// <c>/dashboard</c>, reporting the silo and the unit grains activated by seeding.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DashboardTests(GatewayFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task The_dashboard_page_and_its_script_are_served_under_dashboard()
    {
        var bare = await _http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal("/dashboard/", bare.Headers.Location?.ToString());

        var page = await _http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync());

        var script = await _http.GetAsync("/dashboard/index.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 10_000);
    }

    [Fact]
    public async Task The_data_api_reports_one_active_silo_and_the_unit_grain_activations()
    {
        // The dashboard grain samples the silos once a second; wait for a sample that has seen seeding.
        JsonObject counters = [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            var response = await _http.GetAsync("/dashboard/DashboardCounters");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counters = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            if ((int)counters["totalActivationCount"]! > 3_000 && UnitGrainActivations(counters) > 3_000)
            {
                break;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        var hosts = counters["hosts"]!.AsArray();
        var host = Assert.Single(hosts)!;
        Assert.Equal("Active", (string)host["status"]!);
        Assert.Equal(1, (int)counters["totalActiveHostCount"]!);
        // Seeding activates the nation, 34 provinces and 3,321 communes (plus their departments).
        Assert.True((int)counters["totalActivationCount"]! > 3_000, $"activations: {counters["totalActivationCount"]}");
        Assert.True(UnitGrainActivations(counters) > 3_000, $"unit grain activations: {UnitGrainActivations(counters)}");
    }

    [Fact]
    public async Task Unknown_dashboard_paths_are_404_not_the_api()
    {
        var response = await _http.GetAsync("/dashboard/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static int UnitGrainActivations(JsonObject counters) => counters["simpleGrainStats"]!.AsArray()
        .Where(s => ((string?)s!["grainType"])?.Contains("UnitGrain", StringComparison.Ordinal) == true)
        .Sum(s => (int)s!["activationCount"]!);
}
