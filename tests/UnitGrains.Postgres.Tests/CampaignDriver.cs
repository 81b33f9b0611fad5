using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace UnitGrains.Postgres.Tests;

/// <summary>
/// Drives a campaign through the gateway's HTTP API only, as a client would, and reads back what
/// the cluster holds: every unit, its state's digest, and whether each rollup equals the
/// recomputation from every unit's own counts.
/// </summary>
public sealed class CampaignDriver(HttpClient http)
{
    public const int Year = 2026;

    /// <summary>A write the gateway answered, and how.</summary>
    public sealed record Write(string Unit, string What, HttpStatusCode Status, string Body)
    {
        public bool Acknowledged => (int)Status is >= 200 and < 300;
    }

    public async Task<IReadOnlyList<string>> AllUnitsAsync()
    {
        var all = new List<string>();
        var queue = new Queue<string>(["VN"]);
        while (queue.TryDequeue(out var code))
        {
            all.Add(code);
            var children = await http.GetFromJsonAsync<JsonObject>($"/api/units/{code}/children?limit=1000");
            foreach (var child in children!["items"]!.AsArray())
            {
                queue.Enqueue((string)child!["code"]!);
            }
        }

        return all;
    }

    public async Task<IReadOnlyList<string>> CommunesAsync() =>
        [.. (await Task.WhenAll((await AllUnitsAsync()).Select(async c => (c, kind: (string)(await http.GetFromJsonAsync<JsonObject>($"/api/units/{c}"))!["kind"]!))))
            .Where(u => u.kind == "commune").Select(u => u.c)];

    /// <summary>An issued plan with a quarterly reporting regime and <paramref name="tasks"/> tasks of 10 articles each.</summary>
    public async Task PlanAsync(string unit, int tasks)
    {
        var plan = new JsonObject
        {
            ["title"] = "Kế hoạch tuyên truyền cải cách hành chính năm 2026",
            ["period"] = new JsonObject { ["from"] = "2026-01-01", ["to"] = "2026-12-31" },
            ["issuedOn"] = "2026-01-10",
            ["reporting"] = new JsonObject { ["requirements"] = new JsonArray(new JsonObject { ["frequency"] = "quarterly", ["dueDay"] = 5 }) },
        };
        await EnsureAsync(await http.PutAsJsonAsync($"/api/units/{unit}/plans/{Year}", plan), $"plan of {unit}");
        for (var t = 0; t < tasks; t++)
        {
            var task = new JsonObject
            {
                ["id"] = $"t{t}",
                ["title"] = $"Đăng tin bài tuyên truyền CCHC số {t}",
                ["lead"] = new JsonObject { ["name"] = "Công chức Văn hóa – Xã hội" },
                ["dueDate"] = "2026-12-31",
                ["outputs"] = new JsonArray(new JsonObject { ["metric"] = "articles", ["target"] = 10 }),
            };
            await EnsureAsync(await http.PostAsJsonAsync($"/api/units/{unit}/plans/{Year}/tasks", task), $"task t{t} of {unit}");
        }
    }

    public async Task<Write> CompleteAsync(string unit, int task, int articles, string? idempotencyKey = null) =>
        await SendAsync(unit, $"complete t{task}", () => PostAsync($"/api/units/{unit}/plans/{Year}/tasks/t{task}/complete", new { outputs = new { articles } }, idempotencyKey));

    public async Task<Write> ReportAsync(string unit, string period, string? idempotencyKey = null) =>
        await SendAsync(unit, $"report {period}", () => PostAsync($"/api/units/{unit}/plans/{Year}/reports", new { period, summary = $"Báo cáo {period}" }, idempotencyKey));

    /// <summary>
    /// A write as a careful client makes it: under one idempotency key, sent again after every
    /// answer that leaves its fate open (a 503, or no answer) until it is acknowledged or refused,
    /// or <paramref name="patience"/> runs out. Each attempt is timed.
    /// </summary>
    public static async Task<(Write Last, IReadOnlyList<Attempt> Attempts)> UntilAnsweredAsync(Func<string, Task<Write>> write, TimeSpan patience)
    {
        var key = Guid.NewGuid().ToString("N");
        var attempts = new List<Attempt>();
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var started = DateTime.UtcNow;
            var answer = await write(key);
            attempts.Add(new Attempt(started, DateTime.UtcNow, answer.Status));
            if (answer.Acknowledged || answer.Status is not (0 or HttpStatusCode.ServiceUnavailable) || DateTime.UtcNow > deadline)
            {
                return (answer, attempts);
            }

            await Task.Delay(500);
        }
    }

    /// <summary>One attempt of a write: when it was sent, when its answer (or its failure) came, and what it was.</summary>
    public sealed record Attempt(DateTime Sent, DateTime Answered, HttpStatusCode Status)
    {
        public TimeSpan Waited => Answered - Sent;

        public bool Failed => (int)Status is < 200 or >= 300;

        /// <summary>
        /// The 503 window of a fault at <paramref name="from"/>: how many attempts sent after it
        /// failed and how (503, or no answer at all), from when to when, and the longest a client
        /// waited for such an answer — a figure for docs/benchmarks.md, never asserted.
        /// </summary>
        public static string Window(IReadOnlyList<Attempt> attempts, DateTime from, string when, DateTime? to = null)
        {
            var failed = attempts.Where(a => a.Failed && a.Answered >= from && a.Sent < (to ?? DateTime.MaxValue)).ToList();
            var all = attempts.Count(a => a.Answered >= from && a.Sent < (to ?? DateTime.MaxValue));
            if (failed.Count == 0)
            {
                return $"{when}: none of {all} attempts failed";
            }

            var kinds = string.Join(", ", failed.GroupBy(a => (int)a.Status).Select(g => $"{g.Count()}× {(g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
            return $"{when}: {failed.Count} of {all} attempts failed ({kinds}), answered from +{(failed.Min(a => a.Answered) - from).TotalSeconds:F1} s to +{(failed.Max(a => a.Answered) - from).TotalSeconds:F1} s after the fault, the longest wait for one {failed.Max(a => a.Waited).TotalSeconds:F1} s";
        }
    }

    /// <summary>The unit's own counts as its scores show them (camelCase names of <c>IndicatorCounts</c>).</summary>
    public async Task<JsonObject> OwnCountsAsync(string unit) =>
        (await http.GetFromJsonAsync<JsonObject>($"/api/units/{unit}/scores?year={Year}"))!["own"]!["counts"]!.AsObject();

    /// <summary>Whether a write is in the unit's state now.</summary>
    public async Task<bool> IsPresentAsync(Write write)
    {
        var campaign = (await http.GetFromJsonAsync<JsonObject>($"/api/units/{write.Unit}/plans/{Year}"))!;
        var parts = write.What.Split(' ');
        return parts[0] switch
        {
            "complete" => campaign["tasks"]!.AsArray().Any(t => (string)t!["id"]! == parts[1] && (string)t["status"]! == "done"),
            "report" => campaign["reports"]!.AsArray().Any(r => (string)r!["period"]! == parts[1]),
            _ => throw new ArgumentException(write.What),
        };
    }

    /// <summary>A digest of everything the cluster holds for the units: profiles and campaigns, as the API shows them.</summary>
    public async Task<string> DigestAsync(IReadOnlyList<string> units)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var unit in units)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(unit));
            sha.AppendData(Encoding.UTF8.GetBytes(await http.GetStringAsync($"/api/units/{unit}")));
            var campaign = await http.GetAsync($"/api/units/{unit}/plans/{Year}");
            // A problem body carries a trace id that differs per request: only its status counts.
            var body = campaign.IsSuccessStatusCode ? await campaign.Content.ReadAsStringAsync() : "";
            sha.AppendData(Encoding.UTF8.GetBytes($"{(int)campaign.StatusCode}:{body}"));
        }

        return Convert.ToHexString(sha.GetCurrentHash());
    }

    /// <summary>
    /// The invariant of the live rollup: every unit's subtree counts equal the sum of the own
    /// counts of the units below it, each read from the unit itself. Returns the first unit that
    /// disagrees, or null.
    /// </summary>
    public async Task<string?> FirstDivergenceAsync(IReadOnlyList<string> units, IReadOnlyDictionary<string, string> parents)
    {
        var scores = new Dictionary<string, JsonObject>();
        foreach (var unit in units)
        {
            scores[unit] = (await http.GetFromJsonAsync<JsonObject>($"/api/units/{unit}/scores?year={Year}"))!;
        }

        var expected = units.ToDictionary(u => u, u => Counts(scores[u]["own"]!));
        foreach (var unit in units.Reverse())
        {
            if (parents.TryGetValue(unit, out var parent))
            {
                expected[parent] = Add(expected[parent], expected[unit]);
            }
        }

        foreach (var unit in units)
        {
            var actual = Counts(scores[unit]["subtree"]!);
            if (!actual.SequenceEqual(expected[unit]))
            {
                return $"{unit}: subtree [{string.Join(",", actual)}] but recomputation [{string.Join(",", expected[unit])}]";
            }
        }

        return null;
    }

    public async Task<IReadOnlyDictionary<string, string>> ParentsAsync(IReadOnlyList<string> units)
    {
        var parents = new Dictionary<string, string>();
        foreach (var unit in units.Where(u => u != "VN"))
        {
            parents[unit] = (string)(await http.GetFromJsonAsync<JsonObject>($"/api/units/{unit}"))!["parentCode"]!;
        }

        return parents;
    }

    public static async Task EventuallyAsync(Func<Task<string?>> problem, TimeSpan patience, string what)
    {
        var deadline = DateTime.UtcNow + patience;
        string? last;
        while ((last = await problem()) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}: {last}");
            await Task.Delay(500);
        }
    }

    private Task<HttpResponseMessage> PostAsync(string path, object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return http.SendAsync(request);
    }

    private async Task<Write> SendAsync(string unit, string what, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            var response = await send();
            return new Write(unit, what, response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // No answer at all: not acknowledged.
            return new Write(unit, what, 0, e.Message);
        }
    }

    private static decimal[] Counts(JsonNode side) =>
        [.. side["counts"]!.AsObject().Where(p => p.Value is JsonValue).Select(p => (decimal)p.Value!)];

    private static decimal[] Add(decimal[] a, decimal[] b) => [.. a.Zip(b, (x, y) => x + y)];

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
