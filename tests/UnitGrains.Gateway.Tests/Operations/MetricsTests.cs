using System.Net;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The Prometheus scrape endpoint <c>/metrics</c> of the gateway: Orleans', ASP.NET Core's and the
/// runtime's metrics in the text format, read with a strict parser.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MetricsTests(GatewayFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    private Task<PrometheusText> ScrapeAsync() => PrometheusText.ScrapeAsync(_http);

    [Fact]
    public async Task Orleans_http_and_runtime_metrics_are_scraped()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/api/units/VN")).StatusCode);

        // The request is counted when the server finishes it, which may be just after the client has the response.
        var metrics = await ScrapeAsync();
        for (var i = 0; i < 50 && ApiCalls(metrics) < 1; i++)
        {
            await Task.Delay(100);
            metrics = await ScrapeAsync();
        }

        Assert.Equal("unitgrains-gateway", Assert.Single(metrics["target_info"])["service_name"]);
        // Seeding activated the nation, the provinces and every commune with its departments.
        var units = Assert.Single(metrics["orleans_catalog_activations"], s => s["grain_type"] == "unit");
        Assert.True(units.Value > 3_000, $"unit activations: {units.Value}");
        Assert.Equal("gauge", metrics.Types["orleans_catalog_activations"]);

        Assert.True(ApiCalls(metrics) >= 1, "the API call above is counted");
        Assert.Equal("histogram", metrics.Types["http_server_request_duration_seconds"]);

        Assert.True(Assert.Single(metrics["dotnet_process_cpu_count"]).Value >= 1);
    }

    /// <summary>The overview's objective is 2 ms at the gateway: its request histogram has bounds that can tell.</summary>
    [Fact]
    public async Task Request_durations_have_buckets_below_the_overviews_2_ms_objective()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/api/units/VN/scores")).StatusCode);

        var metrics = await ScrapeAsync();
        for (var i = 0; i < 50 && !Buckets(metrics).Any(); i++)
        {
            await Task.Delay(100);
            metrics = await ScrapeAsync();
        }

        var bounds = Buckets(metrics).Select(s => s["le"]).ToList();
        Assert.Contains("0.0005", bounds);
        Assert.Contains("0.001", bounds);
        Assert.Contains("0.002", bounds);
        Assert.Contains("0.005", bounds);
        var all = Assert.Single(Buckets(metrics), s => s["le"] == "+Inf").Value;
        Assert.True(all >= 1 && Buckets(metrics).All(s => s.Value <= all), "cumulative buckets, the read above counted");

        static IEnumerable<PrometheusSample> Buckets(PrometheusText metrics) => metrics["http_server_request_duration_seconds_bucket"]
            .Where(s => s["http_route"] == "/api/units/{code}/scores" && s["http_response_status_code"] == "200");
    }

    private static double ApiCalls(PrometheusText metrics) => metrics["http_server_request_duration_seconds_count"]
        .Where(s => s["http_route"]?.StartsWith("/api/units/{code}", StringComparison.Ordinal) == true && s["http_response_status_code"] == "200")
        .Sum(s => s.Value);

    [Fact]
    public async Task Counters_never_shrink_between_scrapes()
    {
        var first = await ScrapeAsync();
        var second = await ScrapeAsync();

        double Total(PrometheusText text) => text["orleans_catalog_activation_created_total"].Sum(s => s.Value);
        Assert.True(Total(first) > 0);
        Assert.True(Total(second) >= Total(first));
    }
}
