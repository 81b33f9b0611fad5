using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using UnitGrains.Tests.Shared;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// OTLP export, switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: a gateway process
/// sends its traces (grain calls included), metrics and logs to a stand-in collector; without the
/// variable it sends nothing.
/// </summary>
public sealed class OtlpExportTests
{
    /// <summary>A stand-in OTLP/HTTP collector that keeps the protobuf bodies it receives, by path.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        public Collector()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(Url.ToString());
            _app = builder.Build();
            _app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                Received.Enqueue((signal, request.ContentType ?? "", body.ToArray()));
                return Results.Ok();
            });
        }

        public Uri Url { get; } = new($"http://127.0.0.1:{HostProcess.FreePort()}");

        public ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> Received { get; } = new();

        public bool Holds(string signal, string text) =>
            Received.Any(r => r.Signal == signal && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));

        public Task StartAsync() => _app.StartAsync();

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private static HostProcess StartGateway(Uri url, Uri? collector)
    {
        var settings = new List<string>
        {
            "--urls", url.ToString(), "--silo-port", HostProcess.FreePort().ToString(), "--gateway-port", HostProcess.FreePort().ToString(),
            "--seed", "false",
        };
        if (collector is not null)
        {
            // Configuration keys as command-line switches: the same names as the environment variables.
            settings.AddRange(["--OTEL_EXPORTER_OTLP_ENDPOINT", collector.ToString().TrimEnd('/'), "--OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "--OTEL_METRIC_EXPORT_INTERVAL", "500", "--OTEL_BSP_SCHEDULE_DELAY", "200"]);
        }

        return OperatorHosts.Start("gateway", "GatewayHost", [.. settings]);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_of_grain_calls_metrics_and_logs_are_exported()
    {
        await using var collector = new Collector();
        await collector.StartAsync();
        var url = new Uri($"http://127.0.0.1:{HostProcess.FreePort()}");
        using var http = new HttpClient();
        await using var gateway = StartGateway(url, collector.Url);
        await gateway.WaitUntilOkAsync(http, new Uri(url, "/health/live").ToString(), TimeSpan.FromMinutes(1));

        // The readiness check calls the hierarchy grain: an HTTP-less grain call, traced by Orleans.
        await http.GetAsync(new Uri(url, "/health/ready"));
        await http.GetAsync(new Uri(url, "/api/units/VN"));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(collector.Holds("traces", "Microsoft.Orleans.Runtime") && collector.Holds("traces", "IHierarchyGrain") && collector.Holds("metrics", "http.server.request.duration") && collector.Holds("logs", "Seeding is off")))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The collector received {string.Join(", ", collector.Received.Select(r => $"{r.Signal} ({r.Body.Length} B)"))}:\n{gateway.Output}");
            await Task.Delay(200);
        }

        Assert.All(collector.Received, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.True(collector.Holds("traces", "unitgrains-gateway"), "spans carry the service name");
        Assert.True(collector.Holds("metrics", "Microsoft.Orleans"), "Orleans' meter is exported");
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_nothing_is_sent()
    {
        await using var collector = new Collector();
        await collector.StartAsync();
        var url = new Uri($"http://127.0.0.1:{HostProcess.FreePort()}");
        using var http = new HttpClient();
        await using var gateway = StartGateway(url, collector: null);
        await gateway.WaitUntilOkAsync(http, new Uri(url, "/health/live").ToString(), TimeSpan.FromMinutes(1));

        await http.GetAsync(new Uri(url, "/health/ready"));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Empty(collector.Received);
        Assert.False(gateway.HasExited);
    }
}
