using System.Globalization;
using System.Text.Json.Nodes;
using UnitGrains.Tests.Shared;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The real Prometheus server (Debian's <c>prometheus</c>, which <c>scripts/test.sh</c> installs)
/// scraping the silo host and the gateway every second, queried through its HTTP API. Skipped,
/// not passed, where the binary is missing.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class PrometheusServerTests(ProcessClusterFixture cluster)
{
    private const string Binary = "/usr/bin/prometheus";

    [SkippableFact]
    public async Task Prometheus_scrapes_silo_and_gateway_and_answers_queries_on_the_system_metrics()
    {
        Skip.IfNot(File.Exists(Binary), $"{Binary} is not installed (apt-get install -y prometheus; scripts/test.sh does it as root).");
        var folder = Directory.CreateTempSubdirectory("unitgrains-prometheus-");
        try
        {
            var port = HostProcess.FreePort();
            var config = Path.Combine(folder.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(config, $"""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: silo
                    static_configs: [{"{"} targets: ['{cluster.SiloUrl.Authority}'] {"}"}]
                  - job_name: gateway
                    static_configs: [{"{"} targets: ['{cluster.ManagementUrl.Authority}'] {"}"}]
                """);
            await using var prometheus = HostProcess.Start("prometheus", Binary,
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}");
            var api = new Uri($"http://127.0.0.1:{port}");
            await prometheus.WaitUntilOkAsync(cluster.Http, new Uri(api, "/-/ready").ToString(), TimeSpan.FromSeconds(60));

            var up = await QueryUntilAsync(api, "up", r => r.Count == 2 && r.All(s => s.Value == 1), prometheus);
            Assert.Equal(["gateway", "silo"], up.Select(s => s.Labels["job"]).Order());

            var seeded = await QueryUntilAsync(api, "unitgrains_seed_units_seeded == unitgrains_seed_units_expected", r => r.Count == 1, prometheus);
            Assert.True(seeded[0].Value >= TestData.Units.Count);
            Assert.Equal("silo", seeded[0].Labels["job"]);

            var applied = await QueryUntilAsync(api, "sum by (level) (unitgrains_summaries_applied_total)", r => r.Any(s => s.Labels.GetValueOrDefault("level") == "nation"), prometheus);
            Assert.All(applied, s => Assert.True(s.Value > 0));

            var latency = await QueryUntilAsync(api, """unitgrains_propagation_latency_seconds_count{level="nation"}""", r => r.Count == 1, prometheus);
            Assert.True(latency[0].Value > 0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryUntilAsync(
        Uri api, string query, Func<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>, bool> done, HostProcess prometheus)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var json = JsonNode.Parse(await cluster.Http.GetStringAsync(new Uri(api, $"/api/v1/query?query={Uri.EscapeDataString(query)}")))!;
            Assert.Equal("success", (string)json["status"]!);
            Assert.Equal("vector", (string)json["data"]!["resultType"]!);
            var result = json["data"]!["result"]!.AsArray()
                .Select(r => ((IReadOnlyDictionary<string, string>)r!["metric"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!),
                    double.Parse((string)r["value"]![1]!, CultureInfo.InvariantCulture)))
                .ToList();
            if (done(result))
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < deadline, $"'{query}' gave {string.Join(", ", result.Select(r => $"{string.Join(",", r.Item1)}={r.Item2}"))} for 60 s:\n{prometheus.Output}");
            await Task.Delay(500);
        }
    }
}
