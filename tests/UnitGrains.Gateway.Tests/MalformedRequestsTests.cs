using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// Over ten thousand requests, each broken in a way no valid request is — a value of the wrong
/// type, a string with a control character or past every length limit, a figure past every
/// bound, a null inside a list, an unknown or repeated field, broken JSON, a malformed route
/// value, header or query — sent to every route the gateway maps (found from its endpoint table,
/// so a new route is covered without touching this test). Every answer must be a 4xx problem, and
/// what the units hold must be the same after as before.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MalformedRequestsTests(GatewayFactory factory)
{
    private const int Year = TestData.PastYear;

    private const int Requests = 10_500;

    private readonly HttpClient _http = factory.CreateClient();

    private sealed record Route(string Method, string Pattern, Type? Body);

    /// <summary>A valid body for each type a route reads, the starting point of every mutation.</summary>
    private static JsonNode ValidBody(Type type, string unit) => type.Name switch
    {
        "PlanDraft" => FullPlan(),
        "PlanFile" => TestData.PlanFile(unit, Year, FullPlan(), TestData.Task("M1")),
        "TaskDraft" => TestData.Task("M2"),
        "TaskCompletion" => new JsonObject { ["outputs"] = new JsonObject { ["articles"] = 3 }, ["evidence"] = "https://xa.gov.vn/tin/1" },
        "CancelRequest" => new JsonObject { ["reason"] = "Không còn cần" },
        "TaskStart" => new JsonObject { ["startedOn"] = $"{Year}-02-01" },
        "ReportSubmission" => new JsonObject { ["period"] = $"{Year}-Q1", ["summary"] = "Tóm tắt", ["outputsByChannel"] = new JsonObject { ["webPortal"] = 4 } },
        "ReviewRequest" => new JsonObject { ["comment"] = "Bổ sung số liệu quý" },
        "AcknowledgeRequest" => new JsonObject { ["comment"] = "Đã đôn đốc" },
        _ => throw new InvalidOperationException($"No valid sample body for {type.Name}: add one."),
    };

    private static JsonObject FullPlan()
    {
        var plan = TestData.Plan(Year);
        plan["legalBases"] = new JsonArray(new JsonObject { ["kind"] = "parentPlan", ["reference"] = "42/KH-UBND", ["issuedOn"] = $"{Year - 1}-12-01" });
        plan["targets"] = new JsonArray(new JsonObject { ["id"] = "dossiers", ["description"] = "Hồ sơ công khai", ["value"] = 100, ["unit"] = "%" });
        plan["keyActivities"] = new JsonArray(new JsonObject { ["id"] = "A1", ["title"] = "Hội nghị", ["lead"] = new JsonObject { ["name"] = "Văn phòng" }, ["coordinators"] = new JsonArray(), ["funding"] = "Ngân sách", ["timeFrame"] = "Quý II" });
        plan["assignments"] = new JsonArray(new JsonObject { ["assignee"] = new JsonObject { ["name"] = "Công chức VH-XH" }, ["obligation"] = "assigned", ["duties"] = new JsonArray("Đăng tin") });
        return plan;
    }

    /// <summary>Ways to break one value that make any field of any type invalid.</summary>
    private static readonly Func<JsonNode?, JsonNode?>[] BreakValue =
    [
        v => v is JsonValue value && value.TryGetValue<string>(out var s) ? JsonValue.Create(s[..Math.Min(s.Length, 3)] + "\u0001") : JsonValue.Create("x\u0007y"),
        v => v is JsonObject ? new JsonArray(1, 2) : v is JsonArray ? new JsonObject { ["not"] = "a list" } : new JsonObject { ["deep"] = new JsonArray(new JsonArray()) },
        v => v is JsonValue value && value.TryGetValue<string>(out _) ? JsonValue.Create(new string('ẫ', 25_000)) : JsonValue.Create("\u0002 neither a number nor an object"),
        v => v is JsonValue value && value.TryGetValue<decimal>(out _) ? JsonValue.Create(1e30) : JsonValue.Create(true),
        v => v is JsonValue value && value.TryGetValue<decimal>(out _) ? JsonValue.Create(-1) : new JsonArray(null, null),
    ];

    [Fact]
    public async Task Ten_thousand_malformed_requests_on_every_route_are_4xx_problems_and_change_nothing()
    {
        var routes = Routes();
        Assert.True(routes.Count >= 20, $"only {routes.Count} routes found");

        var commune = TestData.FreshCommune();
        await _http.PutPlanAsync(commune, Year, FullPlan());
        await _http.AddTaskAsync(commune, Year, TestData.Task("T1"));
        var before = await DigestAsync(commune);

        var random = new Random(19);
        var failures = new List<string>();
        var byRoute = new Dictionary<string, int>();
        var gate = new SemaphoreSlim(8);
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            Route route;
            HttpRequestMessage request;
            string description;
            lock (random)
            {
                route = routes[i % routes.Count];
                (request, description) = Malformed(route, commune, random);
            }

            await gate.WaitAsync();
            try
            {
                using var response = await _http.SendAsync(request);
                Interlocked.Increment(ref sent);
                var status = (int)response.StatusCode;
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                lock (byRoute)
                {
                    byRoute[$"{route.Method} {route.Pattern}"] = byRoute.GetValueOrDefault($"{route.Method} {route.Pattern}") + 1;
                    if (status is < 400 or >= 500 || !problem)
                    {
                        failures.Add($"{route.Method} {request.RequestUri} [{description}] → {status} {response.Content.Headers.ContentType}");
                    }
                }
            }
            finally
            {
                request.Dispose();
                gate.Release();
            }
        }));

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} not a 4xx problem:\n{string.Join('\n', failures.Take(40))}");
        Assert.Equal(Requests, sent);
        Assert.Equal(routes.Count, byRoute.Count);
        Assert.Equal(before, await DigestAsync(commune));
    }

    private List<Route> Routes() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            // What anyone may read before signing in (GET /api/about) takes no input to break.
            .Where(e => e.Metadata.GetMetadata<UnitGrains.Gateway.Auth.UnitAccessMetadata>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                new Route(m, e.RoutePattern.RawText!.TrimEnd('/'), e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];

    /// <summary>What the units this test writes to hold, as the API returns it (minus the day it is read).</summary>
    private async Task<string> DigestAsync(string commune)
    {
        var text = new StringBuilder();
        foreach (var url in new[] { TestData.PlanUrl(commune, Year), TestData.PlanUrl(commune, Year + 1), TestData.PlanUrl("VN", Year), TestData.PlanUrl("99999", Year) })
        {
            var response = await _http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var json = JsonNode.Parse(body)!.AsObject();
                json.Remove("asOf");
                body = json.ToJsonString();
            }
            else
            {
                body = ((int)response.StatusCode).ToString();
            }

            text.Append(url).Append('\n').Append(body).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>One request to <paramref name="route"/> broken in one to three ways, with what was broken.</summary>
    private static (HttpRequestMessage Request, string Description) Malformed(Route route, string commune, Random random)
    {
        var values = new Dictionary<string, string> { ["code"] = commune, ["year"] = Year.ToString(), ["taskId"] = "T1", ["period"] = $"{Year}-Q1", ["unit"] = commune, ["origin"] = commune, ["item"] = "plan" };
        var body = route.Body is null ? null : ValidBody(route.Body, commune);
        var headers = new List<(string, string)>();
        var query = new List<string>();
        var broken = new List<string>();
        var parameters = route.Pattern.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')).ToList();

        void BreakRouteValue()
        {
            var name = parameters[random.Next(parameters.Count)];
            values[name] = BadRouteValue(name, random);
            broken.Add($"route {name}");
        }

        // A route without a body breaks a route value, its query or a header.
        var ways = random.Next(1, 4);
        for (var w = 0; w < ways; w++)
        {
            var way = random.Next(body is null ? 3 : 6);
            if (way == 1 && BadQuery(route, random) is ({ } q, var what))
            {
                query.Add(q);
                broken.Add(what);
            }
            else if (way == 2 && route.Method != "GET")
            {
                // Every write reads Idempotency-Key; only the plan's PUT reads If-Match.
                headers.Add(route.Method == "PUT" && random.Next(2) == 0 ? ("If-Match", "not-an-etag") : ("Idempotency-Key", random.Next(2) == 0 ? "has spaces in it" : new string('k', 300)));
                broken.Add("header");
            }
            else if (way >= 3)
            {
                body = BreakBody(body!, random, broken);
            }
            else if (parameters.Count > 0)
            {
                BreakRouteValue();
            }
        }

        if (broken.Count == 0 && body is not null)
        {
            body = BreakBody(body, random, broken);
        }
        else if (broken.Count == 0)
        {
            BreakRouteValue();
        }

        var path = string.Join('/', route.Pattern.Split('/').Select(s => s.StartsWith('{') ? Uri.EscapeDataString(values[s.Trim('{', '}')]) : s));
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty));
        foreach (var (header, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        if (body is not null)
        {
            var text = body is JsonValue raw && raw.TryGetValue<string>(out var literal) && literal.StartsWith("RAW:", StringComparison.Ordinal) ? literal[4..] : body.ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        return (request, string.Join(", ", broken));
    }

    private static string BadRouteValue(string name, Random random) => name switch
    {
        "code" => new[] { "not a code", "12345678901234567890123456", "VN/../75", "75-", "%00", "７５" }[random.Next(6)],
        "year" => new[] { "abc", "99999999999", "1999", "2101", "-5", "2024.5" }[random.Next(6)],
        "taskId" => new[] { "has space", new string('t', 60), "T1;drop", "é" }[random.Next(4)],
        "period" => new[] { "2024-Q9", "Q1", "2024-A0", "nope", "2024-H2" }[random.Next(5)],
        "unit" or "origin" => new[] { "not a code", "12345678901234567890123456", "75-", "７５" }[random.Next(4)],
        _ => "\u0001",
    };

    private static (string? Query, string What) BadQuery(Route route, Random random)
    {
        if (route.Pattern.EndsWith("/children", StringComparison.Ordinal) || route.Pattern.EndsWith("/escalations", StringComparison.Ordinal))
        {
            return (new[] { "offset=-1", "offset=2147483647", "limit=0", "limit=1001", "offset=abc", "limit=1e3" }[random.Next(6)], "paging");
        }

        if (route.Pattern.EndsWith("/scores", StringComparison.Ordinal) || route.Pattern.EndsWith("/history", StringComparison.Ordinal) || route.Pattern.EndsWith("/live", StringComparison.Ordinal))
        {
            return (new[] { "year=abc", "year=1999", "year=99999999999" }[random.Next(3)], "year");
        }

        if (route.Pattern.EndsWith("/consolidated", StringComparison.Ordinal))
        {
            return ("format=docx-or-pdf", "format");
        }

        return (null, string.Empty);
    }

    /// <summary>The body with one part broken: a value, a list, an object, or the JSON itself.</summary>
    private static JsonNode BreakBody(JsonNode body, Random random, List<string> broken)
    {
        if (body is JsonValue)
        {
            return body;
        }

        var nodes = Descendants(body).ToList();
        var (parent, key, node) = nodes[random.Next(nodes.Count)];
        switch (random.Next(8))
        {
            case 0:
                broken.Add("broken JSON");
                var text = body.ToJsonString();
                return JsonValue.Create("RAW:" + text[..random.Next(1, text.Length - 1)]);
            case 1 when FirstObject(body, random) is { } target:
                target["unexpectedField" + random.Next(100)] = 1;
                broken.Add("unknown field");
                return body;
            case 2 when FirstArray(body, random) is { } list:
                list.Add(null);
                broken.Add("null item");
                return body;
            case 3 when FirstObject(body, random) is { Count: > 0 } target:
                broken.Add("repeated field");
                var first = target.First();
                var json = target.ToJsonString();
                var repeated = json.Insert(1, $"\"{first.Key}\":{first.Value?.ToJsonString() ?? "null"},");
                return Replace(body, target, repeated);
            default:
                var path = node?.GetPath() ?? "?";
                var bad = BreakValue[random.Next(BreakValue.Length)](node);
                if (parent is JsonObject o)
                {
                    o[(string)key] = bad;
                }
                else if (parent is JsonArray a)
                {
                    a[(int)key] = bad;
                }

                broken.Add($"value at {path}");
                return body;
        }
    }

    /// <summary>The body as text with <paramref name="target"/> written as <paramref name="replacement"/> (a repeated key JSON nodes cannot hold).</summary>
    private static JsonNode Replace(JsonNode body, JsonObject target, string replacement)
    {
        const string marker = "\"__marker__\"";
        var parent = target.Parent;
        if (parent is null)
        {
            return JsonValue.Create("RAW:" + replacement);
        }

        if (parent is JsonObject o)
        {
            o[target.GetPropertyName()] = marker;
        }
        else if (parent is JsonArray a)
        {
            a[target.GetElementIndex()] = marker;
        }

        return JsonValue.Create("RAW:" + body.ToJsonString().Replace(JsonValue.Create(marker)!.ToJsonString(), replacement, StringComparison.Ordinal));
    }

    private static IEnumerable<(JsonNode Parent, object Key, JsonNode? Node)> Descendants(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    yield return (o, k, v);
                    if (v is not null)
                    {
                        foreach (var d in Descendants(v))
                        {
                            yield return d;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i, a[i]);
                    if (a[i] is { } v)
                    {
                        foreach (var d in Descendants(v))
                        {
                            yield return d;
                        }
                    }
                }

                break;
        }
    }

    private static JsonObject? FirstObject(JsonNode body, Random random)
    {
        var objects = Descendants(body).Select(d => d.Node).OfType<JsonObject>().Prepend(body as JsonObject).Where(o => o is not null).ToList();
        return objects.Count == 0 ? null : objects[random.Next(objects.Count)];
    }

    private static JsonArray? FirstArray(JsonNode body, Random random)
    {
        // Lists of plans and tasks (not the dictionary-like objects): a null in them is never valid.
        var arrays = Descendants(body).Select(d => d.Node).OfType<JsonArray>().ToList();
        return arrays.Count == 0 ? null : arrays[random.Next(arrays.Count)];
    }
}
