using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// <c>/openapi/v1.json</c> describes exactly the API the gateway maps — every operation with a
/// summary, a success schema, its problems and the bearer scheme — and a client that knows only
/// the document (operation ids → method and path) can do a commune's year with a scoped token.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenApiTests(GatewayFactory factory)
{
    private readonly HttpClient _anonymous = factory.CreateAnonymousClient();

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await _anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task The_document_parses_and_declares_the_bearer_scheme()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("UnitGrains API", document.GetProperty("info").GetProperty("title").GetString());
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Equal("JWT", bearer.GetProperty("bearerFormat").GetString());
    }

    [Fact]
    public async Task The_document_lists_every_mapped_endpoint_and_nothing_else()
    {
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var document = await DocumentAsync();
        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(mapped.Count >= 19, $"only {mapped.Count} endpoints mapped");
        Assert.Equal(mapped, described);
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_a_success_schema_problems_and_the_bearer_requirement()
    {
        var document = await DocumentAsync();
        var ids = new HashSet<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var op = operation.Value;
                Assert.True(op.TryGetProperty("operationId", out var id) && ids.Add(id.GetString()!), $"{name}: a unique operationId");
                Assert.True(op.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 10, $"{name}: a summary");
                var responses = op.GetProperty("responses");
                var success = responses.EnumerateObject().Single(r => r.Name is "200" or "201");
                if (success.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json))
                {
                    Assert.True(json.TryGetProperty("schema", out _), $"{name}: a JSON schema for {success.Name}");
                }
                else
                {
                    // Only a stream (text/event-stream) may answer without a JSON body.
                    Assert.True(path.Name.EndsWith("/live", StringComparison.Ordinal), $"{name}: a JSON body for {success.Name}");
                }
                foreach (var status in new[] { "400", "401", "403", "404" })
                {
                    Assert.True(responses.TryGetProperty(status, out var problem), $"{name}: a {status} response");
                    Assert.True(problem.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{name}: {status} is a problem");
                }

                Assert.True(op.TryGetProperty("security", out var security) && security[0].TryGetProperty("Bearer", out _), $"{name}: requires the bearer scheme");
                if (operation.Name is "put" or "post" && !path.Name.EndsWith("/start", StringComparison.Ordinal))
                {
                    Assert.True(op.TryGetProperty("requestBody", out _), $"{name}: a request body");
                }
            }
        }
    }

    [Fact]
    public async Task The_reference_page_is_served()
    {
        var response = await _anonymous.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_client_reading_only_the_document_does_a_communes_year_with_a_scoped_token()
    {
        var document = await DocumentAsync();
        var commune = TestData.FreshCommune();
        const int year = 2025; // a past year the fresh commune owes reports in (its second half)
        using var http = factory.CreateAnonymousClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token(commune, UnitRole.Officer));

        async Task<JsonObject> CallAsync(string operationId, object? body, params (string Name, string Value)[] parameters)
        {
            var (method, template) = Find(document, operationId);
            var url = parameters.Aggregate(template, (path, p) => path.Replace($"{{{p.Name}}}", Uri.EscapeDataString(p.Value), StringComparison.Ordinal));
            Assert.DoesNotContain("{", url, StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{operationId} {method} {url}: {(int)response.StatusCode} {text}");
            return JsonNode.Parse(text)!.AsObject();
        }

        var at = new[] { ("code", commune), ("year", year.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        await CallAsync("PutPlan", TestData.Plan(year), at);
        var task = await CallAsync("AddTask", TestData.Task(dueDate: "2025-09-20"), at);
        var taskId = (string)task["id"]!;
        var done = await CallAsync("CompleteTask", new { outputs = new { articles = 5 }, completedOn = "2025-08-15" }, [.. at, ("taskId", taskId)]);
        Assert.Equal("done", (string)done["status"]!);
        var report = await CallAsync("SubmitReport", new { period = "2025-Q3", submittedOn = "2025-09-04", summary = "Đã hoàn thành" }, at);
        Assert.Equal([taskId], report["tasksDone"].Strings());
        Assert.Equal(5m, (decimal)report["outputsByChannel"]!["webPortal"]!);
        var campaign = await CallAsync("GetPlan", null, at);
        Assert.Single(campaign["reports"]!.AsArray());

        // The same token reaches no other commune.
        var (putMethod, putPath) = Find(document, "PutPlan");
        var elsewhere = await http.SendAsync(new HttpRequestMessage(new HttpMethod(putMethod), putPath.Replace("{code}", TestData.FreshCommune(), StringComparison.Ordinal).Replace("{year}", "2025", StringComparison.Ordinal))
        {
            Content = JsonContent.Create(TestData.Plan(year)),
        });
        await Problem.AssertAsync(elsewhere, HttpStatusCode.Forbidden, "out_of_scope");
    }

    private static (string Method, string Path) Find(JsonElement document, string operationId) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Method: o.Name.ToUpperInvariant(), Path: p.Name, Op: o.Value)))
            .Where(x => x.Op.TryGetProperty("operationId", out var id) && id.GetString() == operationId)
            .Select(x => (x.Method, x.Path))
            .Single();
}
