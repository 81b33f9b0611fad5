using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// What the pipeline answers to requests it cannot read: malformed JSON, wrong types, unknown
/// enum values or properties, empty or oversized bodies, route values that are not numbers. Every
/// such request is a 4xx problem (never a 500), and nothing is stored. Each test has its own commune.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ErrorHandlingTests(GatewayFactory factory)
{
    private const int Year = TestData.PastYear;
    private const string Period = "\"period\": { \"from\": \"2024-01-01\", \"to\": \"2024-12-31\" }";

    private readonly HttpClient _http = factory.CreateClient();

    /// <summary>Plan bodies the JSON reader must refuse (the dialect: camelCase, closed enums as strings, yyyy-MM-dd, no unknown properties, nullability).</summary>
    public static TheoryData<string> UnreadablePlans => new()
    {
        $"{{ \"title\": 5, {Period} }}",
        $"{{ \"title\": true, {Period} }}",
        "{ \"title\": \"KH\", \"period\": { \"from\": \"2024-13-45\", \"to\": \"2024-12-31\" } }",
        "{ \"title\": \"KH\", \"period\": { \"from\": \"2024-02-30\", \"to\": \"2024-12-31\" } }",
        "{ \"title\": \"KH\", \"period\": { \"from\": \"01/01/2024\", \"to\": \"2024-12-31\" } }",
        "{ \"title\": \"KH\", \"period\": { \"from\": \"2024-01-01T00:00:00\", \"to\": \"2024-12-31\" } }",
        "{ \"title\": \"KH\", \"period\": { \"from\": \"2024-01-01\" } }",
        "{ \"title\": \"KH\", \"period\": { \"from\": null, \"to\": \"2024-12-31\" } }",
        "{ \"title\": \"KH\", \"period\": { \"from\": \"2024-01-01\", \"to\": \"2024-12-31\", \"until\": \"2024-12-31\" } }",
        $"{{ \"title\": \"KH\", {Period}, \"issuedOn\": \"\" }}",
        $"{{ \"title\": \"KH\", {Period}, \"channels\": [\"tv\"] }}",
        $"{{ \"title\": \"KH\", {Period}, \"channels\": [1] }}",
        $"{{ \"title\": \"KH\", {Period}, \"channels\": [null] }}",
        $"{{ \"title\": \"KH\", {Period}, \"colour\": \"red\" }}",
        $"{{ \"title\": \"KH\", {Period}, \"reporting\": {{ \"requirements\": [{{ \"frequency\": \"weekly\", \"dueDay\": 5 }}] }} }}",
        $"{{ \"title\": \"KH\", {Period}, \"reporting\": {{ \"requirements\": [{{ \"frequency\": \"quarterly\", \"dueDay\": 1e40 }}] }} }}",
        $"{{ \"title\": \"KH\", {Period}, \"targets\": [{{ \"id\": \"t\", \"description\": \"x\", \"value\": \"100%\" }}] }}",
        $"{{ \"title\": \"KH\", {Period}, }}",
        $"{{ \"title\": \"KH\", {Period} /* ghi chú */ }}",
        "{ 'title': 'KH' }",
        "{ \"title\": \"KH\", ",
        "title=KH",
        "[]",
        "\"KH\"",
        "null",
        "",
    };

    [Theory]
    [MemberData(nameof(UnreadablePlans))]
    public async Task An_unreadable_plan_is_a_400_problem_and_stores_nothing(string body)
    {
        var code = TestData.FreshCommune();

        var response = await _http.PutAsync(TestData.PlanUrl(code, Year), TestData.Json(body));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(code, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Theory]
    [MemberData(nameof(UnreadablePlans))]
    public async Task An_unreadable_plan_leaves_the_existing_plan_unchanged(string body)
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, Year);
        var before = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));

        var response = await _http.PutAsync(TestData.PlanUrl(code, Year), TestData.Json(body));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        JsonAssert.Equal(before, await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year)));
    }

    [Fact]
    public async Task The_problem_names_where_the_json_went_wrong()
    {
        var response = await _http.PutAsync(TestData.PlanUrl(TestData.FreshCommune(), Year), TestData.Json("{ \"title\": \"KH\", \"period\": { \"from\": \"2024-13-45\", \"to\": \"2024-12-31\" } }"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("period.from", Problem.FieldErrors(problem).Keys);
        Assert.Contains("yyyy-MM-dd", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("tasks", "{ \"title\": [], \"lead\": { \"name\": \"A\" } }")]
    [InlineData("tasks", "{ \"title\": \"A\", \"lead\": { \"name\": \"A\" }, \"dueDate\": \"2024-02-30\" }")]
    [InlineData("tasks", "{ \"title\": \"A\", \"lead\": { \"name\": \"A\" }, \"obligation\": \"optional\" }")]
    [InlineData("tasks", "{ \"title\": \"A\", \"lead\": { \"name\": \"A\" }, \"outputs\": [{ \"metric\": \"a\", \"target\": \"many\" }] }")]
    [InlineData("tasks", "{ \"title\": \"A\", \"lead\": \"Phòng VH-XH\" }")]
    [InlineData("tasks", "{ \"title\": \"A\", \"lead\": { \"name\": \"A\", \"phone\": \"1022\" } }")]
    [InlineData("tasks", "{ \"title\": \"A\", ")]
    [InlineData("tasks", "")]
    [InlineData("tasks/t/complete", "{ \"outputs\": { \"articles\": \"nine\" } }")]
    [InlineData("tasks/t/complete", "{ \"outputs\": [9] }")]
    [InlineData("tasks/t/complete", "{ \"outputs\": { \"articles\": 9 }, \"completedOn\": \"yesterday\" }")]
    [InlineData("tasks/t/complete", "{ \"outputs\": { \"articles\": 9 }, \"evidence\": 5 }")]
    [InlineData("tasks/t/complete", "{ \"outputs\": { \"articles\": 9 }, \"proof\": \"x\" }")]
    [InlineData("tasks/t/complete", "{ \"outputs\": { \"articles\": null } }")]
    [InlineData("tasks/t/complete", "{")]
    [InlineData("tasks/t/cancel", "{ \"reason\": 5 }")]
    [InlineData("tasks/t/cancel", "{ \"why\": \"không cần\" }")]
    [InlineData("tasks/t/cancel", "{")]
    [InlineData("reports", "{ \"period\": 2024 }")]
    [InlineData("reports", "{ \"period\": \"2024-Q1\", \"outputsByChannel\": { \"tv\": 3 } }")]
    [InlineData("reports", "{ \"period\": \"2024-Q1\", \"outputsByChannel\": { \"webPortal\": \"x\" } }")]
    [InlineData("reports", "{ \"period\": \"2024-Q1\", \"submittedOn\": \"2024-02-30\" }")]
    [InlineData("reports", "{ \"period\": \"2024-Q1\", \"tasksDone\": [] }")]
    [InlineData("reports", "{")]
    [InlineData("reports", "")]
    public async Task An_unreadable_body_on_any_campaign_endpoint_is_a_400_and_changes_nothing(string path, string body)
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, Year);
        await _http.AddTaskAsync(code, Year, TestData.Task("t"));
        var before = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));

        var response = await _http.PostAsync($"{TestData.PlanUrl(code, Year)}/{path}", TestData.Json(body));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        JsonAssert.Equal(before, await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year)));
    }

    [Theory]
    [InlineData("{ \"unit\": 26278, \"year\": 2024 }")]
    [InlineData("{ \"unit\": \"{unit}\", \"year\": 2024, \"tasks\": {} }")]
    [InlineData("{ \"unit\": \"{unit}\", \"year\": 2024, \"author\": \"x\" }")]
    [InlineData("{ \"unit\": \"{unit}\", \"year\": 2024, \"plan\": { \"title\": \"KH\", \"period\": { \"from\": \"2024-01-01\", \"to\": \"2024-12-31\" }, \"audiences\": [\"farmers\"] } }")]
    [InlineData("{ \"unit\": \"{unit}\", ")]
    [InlineData("")]
    [InlineData("null")]
    public async Task An_unreadable_plan_file_is_a_400_and_imports_nothing(string body)
    {
        var code = TestData.FreshCommune();

        var response = await _http.PostAsync("/api/plans/import", TestData.Json(body.Replace("{unit}", code, StringComparison.Ordinal)));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(code, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("GET", "/tasks")]
    [InlineData("POST", "/tasks")]
    [InlineData("GET", "/tasks/T1")]
    [InlineData("GET", "/reports")]
    [InlineData("POST", "/reports")]
    public async Task A_year_that_is_not_a_number_is_a_400_problem(string method, string path)
    {
        foreach (var year in new[] { "abc", "2024.5", "99999999999", "２０２４" })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), $"/api/units/{TestData.FreshCommune()}/plans/{year}{path}");
            if (method != "GET")
            {
                request.Content = JsonContent.Create(path switch
                {
                    "" => TestData.Plan(Year),
                    "/tasks" => TestData.Task(),
                    _ => new JsonObject { ["period"] = "2024-Q1" },
                });
            }

            var response = await _http.SendAsync(request);

            await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        }
    }

    [Theory]
    [InlineData("PUT", "")]
    [InlineData("POST", "/tasks")]
    [InlineData("POST", "/reports")]
    [InlineData("POST", "import")]
    public async Task A_body_over_one_mebibyte_is_a_413_problem_and_stores_nothing(string method, string path)
    {
        var code = TestData.FreshCommune();
        if (path != "" && path != "import")
        {
            await _http.PutPlanAsync(code, Year);
        }

        var before = await _http.GetAsync(TestData.PlanUrl(code, Year));
        var beforeBody = JsonNode.Parse(await before.Content.ReadAsStringAsync())!.AsObject();
        beforeBody.Remove("traceId");
        var padding = new string('a', (int)(1024 * 1024) + 10);
        var body = path switch
        {
            "" => $"{{ \"title\": \"{padding}\", {Period} }}",
            "/tasks" => $"{{ \"title\": \"{padding}\", \"lead\": {{ \"name\": \"A\" }} }}",
            "/reports" => $"{{ \"period\": \"2024-Q1\", \"summary\": \"{padding}\" }}",
            _ => $"{{ \"unit\": \"{code}\", \"year\": {Year}, \"plan\": {{ \"title\": \"{padding}\", {Period} }} }}",
        };
        var url = path == "import" ? "/api/plans/import" : $"{TestData.PlanUrl(code, Year)}{path}";

        var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = TestData.Json(body) });

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        var after = await _http.GetAsync(TestData.PlanUrl(code, Year));
        Assert.Equal(before.StatusCode, after.StatusCode);
        var afterBody = JsonNode.Parse(await after.Content.ReadAsStringAsync())!.AsObject();
        afterBody.Remove("traceId");
        JsonAssert.Equal(beforeBody, afterBody);
    }

    [Fact]
    public async Task A_body_of_exactly_one_mebibyte_is_read_and_judged_on_its_content()
    {
        var code = TestData.FreshCommune();
        var body = $"{{ \"title\": \"{{0}}\", {Period} }}";
        var padding = new string('a', (1024 * 1024) - Encoding.UTF8.GetByteCount(body.Replace("{0}", string.Empty, StringComparison.Ordinal)));
        var content = TestData.Json(body.Replace("{0}", padding, StringComparison.Ordinal));
        Assert.Equal(1024 * 1024, (await content.ReadAsByteArrayAsync()).Length);

        var response = await _http.PutAsync(TestData.PlanUrl(code, Year), content);

        await Problem.AssertInvalidAsync(response, "too_long", "title");
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_its_content_type_is_a_415_problem()
    {
        var code = TestData.FreshCommune();
        var content = new StringContent(TestData.Plan(Year).ToJsonString(), Encoding.UTF8, "text/plain");

        var response = await _http.PutAsync(TestData.PlanUrl(code, Year), content);

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(code, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task Json_with_a_charset_parameter_is_read()
    {
        var code = TestData.FreshCommune();
        var content = new StringContent(TestData.Plan(Year).ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        var response = await _http.PutAsync(TestData.PlanUrl(code, Year), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Kế hoạch\u0007 năm 2024", "control_characters")]
    [InlineData("Kế hoạch\u0000", "control_characters")]
    public async Task Text_with_control_characters_is_a_400(string title, string code)
    {
        var unit = TestData.FreshCommune();
        var plan = TestData.Plan(Year);
        plan["title"] = title;

        var response = await _http.PutAsJsonAsync(TestData.PlanUrl(unit, Year), plan);

        await Problem.AssertInvalidAsync(response, code, "title");
    }

    [Fact]
    public async Task Text_with_a_lone_surrogate_is_a_400_not_a_500()
    {
        var unit = TestData.FreshCommune();

        var response = await _http.PutAsync(TestData.PlanUrl(unit, Year), TestData.Json($"{{ \"title\": \"KH \\ud800 2024\", {Period} }}"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(unit, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task Invalid_utf8_in_the_body_is_a_400_not_a_500()
    {
        var unit = TestData.FreshCommune();
        var bytes = Encoding.UTF8.GetBytes($"{{ \"title\": \"KH XX\", {Period} }}");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _http.PutAsync(TestData.PlanUrl(unit, Year), content);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await _http.GetAsync("/api/nothing-here");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound, "route_not_found");
        Assert.Contains("/api/nothing-here", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_is_a_405_problem()
    {
        var response = await _http.DeleteAsync("/api/units/VN");

        await Problem.AssertAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }
}
