using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// What an attacker or a careless client sends — figures past any real count, nulls inside
/// arrays, paging at the edge of <see cref="int"/>, duplicate keys, forged scopes — answers a 4xx
/// problem naming the field as the client wrote it, stores nothing, and leaves the unit working.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HardeningTests(GatewayFactory factory)
{
    private const int Year = TestData.PastYear;

    private const string DecimalMax = "79228162514264337593543950335";

    private readonly HttpClient _http = factory.CreateClient();

    private async Task<(string Code, string TaskId)> CommuneWithTaskAsync(decimal target = 1)
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, Year);
        var task = await _http.AddTaskAsync(code, Year, TestData.Task(target: target));
        return (code, (string)task["id"]!);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string url, string json) => _http.PostAsync(url, TestData.Json(json));

    private async Task<string> CampaignAsync(string code) => await (await _http.GetAsync(TestData.PlanUrl(code, Year))).Content.ReadAsStringAsync();

    [Fact]
    public async Task An_output_too_large_for_a_decimal_is_refused_stores_nothing_and_the_unit_keeps_working()
    {
        var (code, taskId) = await CommuneWithTaskAsync();
        var before = await CampaignAsync(code);

        var poisoned = await PostJsonAsync($"{TestData.TasksUrl(code, Year)}/{taskId}/complete", $$"""{ "outputs": { "articles": {{DecimalMax}} } }""");
        var huge = await PostJsonAsync($"{TestData.TasksUrl(code, Year)}/{taskId}/complete", """{ "outputs": { "articles": 1e300 } }""");

        await Problem.AssertInvalidAsync(poisoned, "out_of_range", "outputs.articles");
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(before, await CampaignAsync(code));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/units/{code}/scores")).StatusCode);
        var ordinary = await PostJsonAsync($"{TestData.TasksUrl(code, Year)}/{taskId}/complete", """{ "outputs": { "articles": 3 } }""");
        Assert.Equal(HttpStatusCode.OK, ordinary.StatusCode);
    }

    public static TheoryData<string, string> NullItems => new()
    {
        { """{ "legalBases": [null] }""", "legalBases[0]" },
        { """{ "targets": [null] }""", "targets[0]" },
        { """{ "keyActivities": [null] }""", "keyActivities[0]" },
        { """{ "assignments": [null] }""", "assignments[0]" },
        { """{ "reporting": { "requirements": [null] } }""", "reporting.requirements[0]" },
    };

    [Theory]
    [MemberData(nameof(NullItems))]
    public async Task A_null_item_in_a_plan_list_is_a_400_naming_its_place(string lists, string field)
    {
        var code = TestData.FreshCommune();
        var plan = TestData.Plan(Year);
        foreach (var (key, value) in JsonNode.Parse(lists)!.AsObject())
        {
            plan[key] = value?.DeepClone();
        }

        var put = await _http.PutAsJsonAsync(TestData.PlanUrl(code, Year), plan);
        var import = await _http.PostAsJsonAsync("/api/plans/import", TestData.PlanFile(code, Year, plan));

        await Problem.AssertInvalidAsync(put, "required", field);
        await Problem.AssertInvalidAsync(import, "required", $"plan.{field}");
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(TestData.PlanUrl(code, Year))).StatusCode);
    }

    [Fact]
    public async Task A_null_task_or_output_is_a_400_naming_its_place()
    {
        var code = TestData.FreshCommune();
        var file = TestData.PlanFile(code, Year, null, TestData.Task("T1"));
        file["tasks"]!.AsArray().Add(null);
        var import = await _http.PostAsJsonAsync("/api/plans/import", file);
        await Problem.AssertInvalidAsync(import, "required", "tasks[1]");

        await _http.PutPlanAsync(code, Year);
        var task = TestData.Task();
        task["outputs"] = new JsonArray(null, null);
        await Problem.AssertInvalidAsync(await _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), task), "required", "outputs[1]");
    }

    [Theory]
    [InlineData("children", "offset=2147483647")]
    [InlineData("children", "offset=2147483000&limit=1000")]
    [InlineData("escalations", "offset=2147483647")]
    [InlineData("escalations", "offset=2147483000&limit=1000")]
    public async Task Paging_near_the_end_of_int_is_a_400(string list, string query)
    {
        var response = await _http.GetAsync($"/api/units/VN/{list}?{query}");

        await Problem.AssertInvalidAsync(response, "out_of_range", "offset");
    }

    [Theory]
    [InlineData("/api/units/VN/children?offset=abc", "offset")]
    [InlineData("/api/units/VN/escalations?limit=1.5", "limit")]
    [InlineData("/api/units/VN/scores?year=twenty", "year")]
    public async Task A_query_value_of_the_wrong_type_names_the_parameter_not_a_dotnet_type(string url, string field)
    {
        var problem = await Problem.AssertInvalidAsync(await _http.GetAsync(url), "malformed_request", field);

        var text = problem.ToString();
        Assert.DoesNotContain("Nullable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Int32", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "title": 5, "period": { "from": "2020-01-01", "to": "2020-12-31" } }""", "title")]
    [InlineData("""{ "title": "A", "period": { "from": "not a date", "to": "2020-12-31" } }""", "period.from")]
    [InlineData("""{ "title": "A", "channels": ["carrierPigeon"], "period": { "from": "2020-01-01", "to": "2020-12-31" } }""", "channels[0]")]
    [InlineData("""{ "title": "A", "colour": "red", "period": { "from": "2020-01-01", "to": "2020-12-31" } }""", "colour")]
    [InlineData("""{ "title": "A", "title": "B", "period": { "from": "2020-01-01", "to": "2020-12-31" } }""", "title")]
    public async Task A_body_that_does_not_bind_names_the_field_as_written_and_no_dotnet_type(string json, string field)
    {
        var code = TestData.FreshCommune();

        var response = await _http.PutAsync(TestData.PlanUrl(code, 2020), TestData.Json(json));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains(field, Problem.FieldErrors(problem).Keys);
        Assert.DoesNotContain("UnitGrains.", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(TestData.PlanUrl(code, 2020))).StatusCode);
    }

    [Fact]
    public async Task Dates_in_year_9999_are_refused()
    {
        var (code, taskId) = await CommuneWithTaskAsync();
        var plan = TestData.Plan(Year);
        plan["issueDeadline"] = "9999-12-31";

        await Problem.AssertInvalidAsync(await _http.PutAsJsonAsync(TestData.PlanUrl(code, Year), plan), "out_of_range", "issueDeadline");
        await Problem.AssertInvalidAsync(
            await PostJsonAsync($"{TestData.TasksUrl(code, Year)}/{taskId}/complete", """{ "outputs": { "articles": 1 }, "completedOn": "9999-01-01" }"""),
            "in_future",
            "completedOn");
    }

    [Fact]
    public async Task Broken_json_without_a_token_is_a_401_not_a_400()
    {
        var anonymous = factory.CreateAnonymousClient();

        var response = await anonymous.PostAsync("/api/plans/import", TestData.Json("{ broken"));
        var task = await anonymous.PostAsync($"/api/units/{TestData.FreshCommune()}/plans/{Year}/tasks", TestData.Json("[[["));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem.AssertAsync(task, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_query_string_token_is_ignored_off_the_live_route()
    {
        var response = await factory.CreateAnonymousClient().GetAsync($"/api/units/VN/scores?access_token={factory.Token("VN", UnitRole.Viewer)}");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [InlineData("/api/units/VN/live", true)]
    [InlineData("/api/units/75-SNV/live", true)]
    [InlineData("/api/units/VN/scores/live", false)]
    [InlineData("/api/units/VN/children/live", false)]
    [InlineData("/dashboard/live", false)]
    [InlineData("/api/units//live", false)]
    public void Only_the_live_route_takes_a_token_from_the_query(string path, bool taken)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = path;
        http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?access_token=abc");

        Assert.Equal(taken ? "abc" : null, AuthSetup.LiveQueryToken(http.Request));
    }

    [Fact]
    public async Task A_query_string_token_opens_the_live_route()
    {
        var anonymous = factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/units/VN/live?access_token={factory.Token("VN", UnitRole.Viewer)}");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Consolidator_means_an_office_reading_the_unit_it_belongs_to()
    {
        var anonymous = factory.CreateAnonymousClient();
        async Task<HttpStatusCode> ReadAsync(string caller, string target)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/units/{target}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token(caller, UnitRole.Consolidator));
            return (await anonymous.SendAsync(request)).StatusCode;
        }

        // Sở Nội vụ of Đồng Nai reads Đồng Nai's communes; a commune calling itself consolidator reads only itself.
        Assert.Equal(HttpStatusCode.OK, await ReadAsync("75-SNV", "26278"));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync("75-SNV", "75"));
        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync("75-SNV", "VN"));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync("26278", "26278"));
        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync("26278", "75"));
        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync("75", "VN"));
    }

    [Theory]
    [InlineData("/api/units/VN")]
    [InlineData("/")]
    [InlineData("/api/units/nope!")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await _http.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
