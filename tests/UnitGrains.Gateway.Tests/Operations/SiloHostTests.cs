using System.Net;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The operators' endpoints of the dedicated silo host and of a gateway that is only a cluster
/// client: each serves the Orleans dashboard and its own <c>/metrics</c>; the seeding silo reports
/// the system's metrics.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class SiloHostTests(ProcessClusterFixture cluster)
{
    private HttpClient Http => cluster.Http;

    private async Task<JsonObject> DashboardCountersAsync(Uri host, Func<JsonObject, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await Http.GetAsync(new Uri(host, "/dashboard/DashboardCounters"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var counters = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            if (until(counters) || DateTime.UtcNow > deadline)
            {
                return counters;
            }

            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task The_silo_host_serves_the_dashboard_with_its_silo_and_activations()
    {
        var page = await Http.GetAsync(new Uri(cluster.SiloUrl, "/dashboard/"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        var counters = await DashboardCountersAsync(cluster.SiloUrl, c => (int)c["totalActivationCount"]! > 3_000);

        var host = Assert.Single(counters["hosts"]!.AsArray())!;
        Assert.Equal("Active", (string)host["status"]!);
        Assert.True((int)counters["totalActivationCount"]! > 3_000, $"activations: {counters["totalActivationCount"]}");
    }

    [Fact]
    public async Task A_client_gateway_serves_the_dashboard_of_the_silos_it_reaches()
    {
        var counters = await DashboardCountersAsync(cluster.ManagementUrl, c => (int)c["totalActivationCount"]! > 3_000);

        // The gateway hosts no silo: the one host it shows is the silo process.
        var host = Assert.Single(counters["hosts"]!.AsArray())!;
        Assert.Equal("Active", (string)host["status"]!);
        Assert.True((int)counters["totalActivationCount"]! > 3_000, $"activations: {counters["totalActivationCount"]}");
    }

    [Fact]
    public async Task The_silo_host_reports_seeding_and_the_rollup_in_its_metrics()
    {
        var metrics = await PrometheusText.ScrapeAsync(Http, new Uri(cluster.SiloUrl, "/metrics").ToString());

        Assert.Equal("unitgrains-silo", Assert.Single(metrics["target_info"])["service_name"]);
        var expected = Assert.Single(metrics["unitgrains_seed_units_expected"]).Value;
        Assert.Equal(expected, Assert.Single(metrics["unitgrains_seed_units_seeded"]).Value);
        Assert.True(expected >= TestData.Units.Count);
        // Seeding announced every unit's subtree up to the nation.
        Assert.True(metrics.Sum("unitgrains_summaries_applied_total", ("level", "nation")) > 0);
        Assert.True(metrics.Sum("unitgrains_summaries_published_total", ("level", "commune")) >= 3_000);
        Assert.True(metrics.Sum("unitgrains_propagation_latency_seconds_count", ("level", "nation")) > 0);
        Assert.Single(metrics["unitgrains_escalations_open"]);
        Assert.Contains(metrics["orleans_catalog_activations"], s => s["grain_type"] == "unit" && s.Value > 3_000);
    }

    [Fact]
    public async Task A_client_gateway_has_no_silo_metrics_but_its_own()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(cluster.GatewayUrl, "/health/ready"))).StatusCode);

        // A request's duration is recorded as it ends, which may be just after its response reached us.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var metrics = await PrometheusText.ScrapeAsync(Http, new Uri(cluster.ManagementUrl, "/metrics").ToString());
        while (!metrics["http_server_request_duration_seconds_count"].Any(s => s["http_route"] == "/health/ready") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            metrics = await PrometheusText.ScrapeAsync(Http, new Uri(cluster.ManagementUrl, "/metrics").ToString());
        }

        Assert.Equal("unitgrains-gateway", Assert.Single(metrics["target_info"])["service_name"]);
        Assert.Empty(metrics["unitgrains_seed_units_seeded"]);
        Assert.Empty(metrics["orleans_catalog_activations"]);
        Assert.Contains(metrics["http_server_request_duration_seconds_count"], s => s["http_route"] == "/health/ready");
    }

    [Fact]
    public async Task A_production_gateway_serves_no_operator_endpoint_on_its_api_port()
    {
        foreach (var path in new[] { "/dashboard/", "/dashboard/DashboardCounters", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(cluster.GatewayUrl, path))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(cluster.ManagementUrl, path))).StatusCode);
        }

        // And the API is not on the management port.
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(cluster.ManagementUrl, "/api/units/VN"))).StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/SiloProperties/not-a-silo")]
    [InlineData("/dashboard/SiloCounters/%00%00")]
    [InlineData("/dashboard/HistoricalStats/127.0.0.1:x:y")]
    [InlineData("/dashboard/SiloStats/@@@")]
    public async Task A_malformed_dashboard_route_is_a_400_on_every_port(string path)
    {
        foreach (var host in new[] { cluster.SiloUrl, cluster.ManagementUrl })
        {
            var response = await Http.GetAsync(new Uri(host, path));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{host}{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
