using System.Globalization;
using System.Text.RegularExpressions;

namespace UnitGrains.Bench;

/// <summary>
/// The gateway's own request-duration histogram for one route (<c>http_server_request_duration_seconds</c>,
/// successful requests), scraped from its <c>/metrics</c>: latency measured at the gateway, from
/// the request's start to its response, without the reader's side of the wire. Two scrapes
/// subtracted give one phase. Only bucket bounds are known, so percentiles are intervals.
/// </summary>
internal sealed partial class ServerHistogram(SortedDictionary<double, long> cumulative)
{
    private const string Bucket = "http_server_request_duration_seconds_bucket{";

    public long Count => cumulative.Count == 0 ? 0 : cumulative[double.PositiveInfinity];

    public static async Task<ServerHistogram> ScrapeAsync(HttpClient http, string route)
    {
        var buckets = new SortedDictionary<double, long>();
        foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
        {
            if (!line.StartsWith(Bucket, StringComparison.Ordinal))
            {
                continue;
            }

            var end = line.LastIndexOf('}');
            var labels = Label().Matches(line[Bucket.Length..end]).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.GetValueOrDefault("http_route") != route || labels.GetValueOrDefault("http_response_status_code") != "200")
            {
                continue;
            }

            var le = labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(labels["le"], CultureInfo.InvariantCulture);
            buckets[le] = buckets.GetValueOrDefault(le) + long.Parse(line[(end + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return new ServerHistogram(buckets);
    }

    public ServerHistogram Since(ServerHistogram earlier) =>
        new(new SortedDictionary<double, long>(cumulative.ToDictionary(b => b.Key, b => b.Value - earlier.Cumulative(b.Key))));

    /// <summary>The share of requests that took at most <paramref name="seconds"/> (a bucket bound).</summary>
    public double ShareWithin(double seconds) => Count == 0 ? double.NaN : (double)Cumulative(seconds) / Count;

    /// <summary>The bucket the <paramref name="p"/> quantile falls in, in ms: "(1, 2]".</summary>
    public string Percentile(double p)
    {
        var lower = 0.0;
        foreach (var (le, count) in cumulative)
        {
            if (count >= p * Count)
            {
                return double.IsPositiveInfinity(le) ? $"> {lower * 1000:0.###}" : $"({lower * 1000:0.###}, {le * 1000:0.###}]";
            }

            lower = le;
        }

        return "n/a";
    }

    private long Cumulative(double le) => cumulative.GetValueOrDefault(le);

    [GeneratedRegex("""(\w+)="((?:[^"\\]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Label();
}
