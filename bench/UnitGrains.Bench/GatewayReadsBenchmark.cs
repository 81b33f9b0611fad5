namespace UnitGrains.Bench;

/// <summary>
/// Dashboard reads through a running gateway's HTTP API, as a browser makes them:
/// <c>reads --gateway http://localhost:8080 [--seconds 10] [--rate 1000] [--province 01] [--merged 75]</c>.
/// <c>--merged</c> names a province of today made of several (Đồng Nai: Bình Phước and the old Đồng
/// Nai), whose year-over-year — 2022 through today's units, next to 2025 — is read too.
/// Sequential reads give the latency of one request at rest; an open loop at <c>--rate</c> shows
/// whether the gateway sustains that many national overviews a second. The gateway must let
/// anonymous reads through (the development run does) or <c>--token</c> must be given.
/// <c>--overview-only</c> skips the ranked communes, whose sequential reads (a grain call each, at
/// least 20) can outlast a short phase of a loaded silo. The open loop is also reported as the
/// gateway measured it (<see cref="ServerHistogram"/>): from a request's start to its response,
/// without the reader's side, which shares the machine's cores.
/// </summary>
internal static class GatewayReadsBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var gateway = new Uri(Stats.Arg(args, "--gateway") ?? "http://localhost:8080");
        var seconds = double.Parse(Stats.Arg(args, "--seconds") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        var rate = double.Parse(Stats.Arg(args, "--rate") ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
        var province = Stats.Arg(args, "--province") ?? "01";
        var merged = Stats.Arg(args, "--merged") ?? "75";
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        if (Stats.Arg(args, "--token") is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        Console.WriteLine($"# gateway reads — {gateway}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores (client and gateway on the same machine)");
        Console.WriteLine("| read | mode | requests | achieved/s | dropped | p50 (ms) | p99 (ms) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        (string Name, string Url)[] reads =
        [
            ("national overview", "/api/units/VN/scores"),
            ($"province {province}'s children ranked", $"/api/units/{province}/children/scores?sort=score"),
            ($"province {merged}'s 2022 through today's units (lineage)", $"/api/units/{merged}/scores?year=2022&through=current"),
            ($"province {merged}'s 2025 (with the units that ended in it)", $"/api/units/{merged}/scores?year=2025"),
            ($"province {merged}'s communes ranked, 2022 through today's units", $"/api/units/{merged}/children/scores?year=2022&through=current"),
        ];
        foreach (var (name, url) in args.Contains("--overview-only") ? reads[..1] : reads)
        {
            (await http.GetAsync(url)).EnsureSuccessStatusCode(); // warm: fail loudly on a wrong URL or a refused read
            var atRest = await OpenLoop.SequentialAsync(seconds / 2, 2_000, () => GetAsync(http, url));
            Console.WriteLine($"| {name} | sequential | {atRest.Count:N0} | | | {Stats.Percentile(atRest, 0.5):F2} | {Stats.Percentile(atRest, 0.99):F2} |");
        }

        var before = await ServerHistogram.ScrapeAsync(http, OverviewRoute);
        var loaded = await OpenLoop.RunAsync(rate, seconds, maxInFlight: 256, () => GetAsync(http, reads[0].Url));
        var atGateway = (await ServerHistogram.ScrapeAsync(http, OverviewRoute)).Since(before);
        Console.WriteLine($"| {reads[0].Name} | open loop at {rate:N0}/s | {loaded.Completed:N0} | {loaded.Rate:N0} | {loaded.Dropped:N0} | {loaded.P50:F2} | {loaded.P99:F2} |");
        Console.WriteLine(atGateway.Count == 0
            ? $"| {reads[0].Name} | the same, at the gateway | (no {OverviewRoute} in its /metrics) | | | | |"
            : $"| {reads[0].Name} | the same, at the gateway (its histogram; {atGateway.ShareWithin(0.002):P1} within 2 ms) | {atGateway.Count:N0} | | | {atGateway.Percentile(0.5)} | {atGateway.Percentile(0.99)} |");
    }

    /// <summary>The overview's route as the gateway's request metrics name it.</summary>
    private const string OverviewRoute = "/api/units/{code}/scores";

    private static async Task GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
}
