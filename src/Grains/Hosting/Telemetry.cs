using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using Orleans.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using UnitGrains.Metrics;

namespace UnitGrains.Hosting;

/// <summary>
/// OpenTelemetry for every host (gateway and silo), configured once: metrics of Orleans, ASP.NET
/// Core, outgoing HTTP, the .NET runtime and the system's own meter, scraped by Prometheus at
/// <see cref="MetricsPath"/>; traces of Orleans grain calls and HTTP requests. Metrics, traces and
/// logs are exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>Orleans' meter (<c>Microsoft.Orleans</c>): activations, messaging, storage, streams.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Grain-call spans need <c>AddActivityPropagation()</c> on silo and client (<see cref="SiloSetup"/>, <see cref="ClientSetup"/>).</summary>
    public static readonly IReadOnlyList<string> OrleansActivitySources = [ActivitySources.RuntimeActivitySourceName, ActivitySources.ApplicationGrainActivitySourceName];

    /// <summary>ASP.NET Core's request duration (seconds), exported as <c>http_server_request_duration_seconds</c>.</summary>
    public const string HttpServerDuration = "http.server.request.duration";

    /// <summary>ASP.NET Core's default boundaries with 0.5, 1 and 2 ms in front.</summary>
    public static readonly IReadOnlyList<double> HttpServerDurationBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>Whether OTLP export is configured: the standard endpoint variable (or configuration key) is set.</summary>
    public static bool OtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static IHostApplicationBuilder AddUnitGrainsTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddMeter(OrleansMeter, UnitMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                // ASP.NET Core's own buckets start at 5 ms; the overview's objective is 2 ms at the
                // gateway, so its histogram must be able to say whether a request met it.
                .AddView(HttpServerDuration, new ExplicitBucketHistogramConfiguration { Boundaries = [.. HttpServerDurationBuckets] })
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // No cached responses: a scrape right after a request sees it, and Prometheus'
                // own interval (seconds) already bounds how often the exporter collects.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));

        // Spans are only worth making when someone collects them: with every grain call traced and
        // nowhere to send the spans, seeding 13,557 units would pay for nothing.
        if (OtlpConfigured(builder.Configuration))
        {
            otel.WithTracing(tracing => tracing
                    .AddSource([.. OrleansActivitySources])
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperatorPath(context.Request.Path))
                    .AddHttpClientInstrumentation())
                .WithLogging()
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, outside <c>/api</c> like the dashboard.</summary>
    public static IEndpointRouteBuilder MapUnitGrainsMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }

    // Scrapes, health probes and the dashboard's polling would drown the spans people look for.
    private static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health") || path.StartsWithSegments(OperatorDashboard.Path);
}
