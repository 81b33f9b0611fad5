using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// Writes that are safe to race and to repeat: ETag/If-Match on plan edits (412 when stale,
/// exactly one winner of two concurrent edits), Idempotency-Key on POSTs (a retry answers the first
/// response and counts nothing twice; the same key for another request is 422), Vietnamese text
/// stored exactly, and bad input refused with 4xx and nothing stored.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SafeWritesTests(GatewayFactory factory)
{
    private const int Year = TestData.PastYear;

    /// <summary>A past year a fresh commune of the July 2025 list owes reports in (its second half).</summary>
    private const int ReportYear = 2025;

    private readonly HttpClient _http = factory.CreateClient();

    private async Task<string> PlannedCommuneAsync()
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, Year);
        return code;
    }

    private async Task<(JsonObject Campaign, string ETag)> GetPlanAsync(string code)
    {
        var response = await _http.GetAsync(TestData.PlanUrl(code, Year));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        return ((await response.Content.ReadFromJsonAsync<JsonObject>())!, etag.Tag);
    }

    private Task<HttpResponseMessage> PutPlanAsync(string code, JsonObject plan, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, TestData.PlanUrl(code, Year)) { Content = JsonContent.Create(plan) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostAsync(string url, object? body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return _http.SendAsync(request);
    }

    [Fact]
    public async Task The_plan_carries_its_version_as_ETag_and_every_change_moves_it()
    {
        var code = await PlannedCommuneAsync();
        var (campaign, etag) = await GetPlanAsync(code);
        Assert.Equal($"\"{(long)campaign["version"]!}\"", etag);

        await _http.AddTaskAsync(code, Year, TestData.Task());
        var (_, afterTask) = await GetPlanAsync(code);
        Assert.NotEqual(etag, afterTask);

        var put = await PutPlanAsync(code, TestData.Plan(Year, "Kế hoạch sửa đổi"), afterTask);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var (_, afterPut) = await GetPlanAsync(code);
        Assert.Equal(put.Headers.ETag?.Tag, afterPut);
        Assert.NotEqual(afterTask, afterPut);
    }

    [Fact]
    public async Task A_stale_If_Match_is_a_412_and_stores_nothing()
    {
        var code = await PlannedCommuneAsync();
        var (_, etag) = await GetPlanAsync(code);
        Assert.Equal(HttpStatusCode.OK, (await PutPlanAsync(code, TestData.Plan(Year, "Bản thứ hai"), etag)).StatusCode);

        var stale = await PutPlanAsync(code, TestData.Plan(Year, "Bản cũ ghi đè"), etag);

        await Problem.AssertAsync(stale, HttpStatusCode.PreconditionFailed, "precondition_failed");
        var (campaign, _) = await GetPlanAsync(code);
        Assert.StartsWith("Bản thứ hai", (string)campaign["plan"]!["title"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_concurrent_edits_with_the_same_If_Match_exactly_one_wins()
    {
        var code = await PlannedCommuneAsync();
        var (_, etag) = await GetPlanAsync(code);

        var responses = await Task.WhenAll(
            PutPlanAsync(code, TestData.Plan(Year, "Bản của Lan"), etag),
            PutPlanAsync(code, TestData.Plan(Year, "Bản của Hùng"), etag));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        await Problem.AssertAsync(loser, HttpStatusCode.PreconditionFailed, "precondition_failed");
        var winner = (await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonObject>())!;
        var (campaign, _) = await GetPlanAsync(code);
        Assert.Equal((string)winner["plan"]!["title"]!, (string)campaign["plan"]!["title"]!);
    }

    [Fact]
    public async Task If_Match_star_needs_an_existing_plan()
    {
        var code = TestData.FreshCommune();
        await Problem.AssertAsync(await PutPlanAsync(code, TestData.Plan(Year), "*"), HttpStatusCode.PreconditionFailed, "precondition_failed");
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(code, Year)), HttpStatusCode.NotFound, "plan_not_found");
        Assert.Equal(HttpStatusCode.OK, (await PutPlanAsync(code, TestData.Plan(Year), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutPlanAsync(code, TestData.Plan(Year), "*")).StatusCode);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"3")]
    public async Task A_malformed_If_Match_is_a_400(string header)
    {
        var code = await PlannedCommuneAsync();
        await Problem.AssertInvalidAsync(await PutPlanAsync(code, TestData.Plan(Year, "Không lưu"), header), "malformed_if_match", "If-Match");
        var (campaign, _) = await GetPlanAsync(code);
        Assert.DoesNotContain("Không lưu", (string)campaign["plan"]!["title"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_task_creation_answers_the_first_response_and_adds_one_task()
    {
        var code = await PlannedCommuneAsync();
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(TestData.TasksUrl(code, Year), TestData.Task(), key);
        var retry = await PostAsync(TestData.TasksUrl(code, Year), TestData.Task(), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        JsonAssert.Equal((await first.Content.ReadFromJsonAsync<JsonObject>())!, (await retry.Content.ReadFromJsonAsync<JsonObject>())!);
        Assert.Single(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year)));
    }

    [Fact]
    public async Task Concurrent_retries_under_one_key_add_one_task()
    {
        var code = await PlannedCommuneAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(TestData.TasksUrl(code, Year), TestData.Task(), key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Single(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year)));
    }

    [Fact]
    public async Task A_retried_completion_and_report_count_the_output_once()
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, ReportYear);
        await _http.AddTaskAsync(code, ReportYear, TestData.Task("bai-viet", dueDate: "2025-09-20"));
        var completion = new { outputs = new { articles = 6 }, completedOn = "2025-08-10" };
        var completeUrl = $"{TestData.TasksUrl(code, ReportYear)}/bai-viet/complete";
        var completeKey = Guid.NewGuid().ToString();

        var completed = await PostAsync(completeUrl, completion, completeKey);
        var completedAgain = await PostAsync(completeUrl, completion, completeKey);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completedAgain.StatusCode);
        JsonAssert.Equal((await completed.Content.ReadFromJsonAsync<JsonObject>())!, (await completedAgain.Content.ReadFromJsonAsync<JsonObject>())!);
        // Without the key the same request is what it is: a second completion, refused.
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(completeUrl, completion, null)).StatusCode);

        var report = new { period = "2025-Q3", submittedOn = "2025-09-04", summary = "Đã đăng 6 tin bài" };
        var reportKey = Guid.NewGuid().ToString();
        var submitted = await PostAsync(TestData.ReportsUrl(code, ReportYear), report, reportKey);
        var submittedAgain = await PostAsync(TestData.ReportsUrl(code, ReportYear), report, reportKey);

        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, submittedAgain.StatusCode);
        var first = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!;
        JsonAssert.Equal(first, (await submittedAgain.Content.ReadFromJsonAsync<JsonObject>())!);
        Assert.Equal(6m, (decimal)first["outputsByChannel"]!["webPortal"]!);
        var campaign = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, ReportYear));
        Assert.Single(campaign["reports"]!.AsArray());
        Assert.Equal(6m, (decimal)campaign["tasks"]![0]!["outputs"]![0]!["actual"]!);
    }

    [Fact]
    public async Task The_same_key_for_a_different_request_is_a_422_and_stores_nothing()
    {
        var code = await PlannedCommuneAsync();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(TestData.TasksUrl(code, Year), TestData.Task(title: "Việc thứ nhất"), key)).StatusCode);

        var reused = await PostAsync(TestData.TasksUrl(code, Year), TestData.Task(title: "Việc khác hẳn"), key);

        await Problem.AssertAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        var tasks = await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year));
        Assert.Equal(["Việc thứ nhất"], tasks.Select(t => (string)t!["title"]!));
    }

    [Fact]
    public async Task A_malformed_key_is_a_400_and_stores_nothing()
    {
        var code = await PlannedCommuneAsync();
        await Problem.AssertInvalidAsync(await PostAsync(TestData.TasksUrl(code, Year), TestData.Task(), new string('k', 300)), "malformed_idempotency_key", "Idempotency-Key");
        Assert.Empty(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year)));
    }

    [Fact]
    public async Task Vietnamese_text_round_trips_exactly_and_decomposed_text_comes_back_composed()
    {
        var code = TestData.FreshCommune();
        const string title = "Kế hoạch tuyên truyền cải cách hành chính – Xã Đắk Rơ Wa, Ủy ban nhân dân";
        const string signer = "Nguyễn Thị Ngọc Ánh – Phó Chủ tịch Ủy ban nhân dân";
        var plan = TestData.Plan(Year);
        plan["title"] = title;
        plan["signer"] = signer;
        await _http.PutPlanAsync(code, Year, plan);
        const string taskTitle = "Tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân";
        await _http.AddTaskAsync(code, Year, TestData.Task("doi-thoai", title: taskTitle.Normalize(NormalizationForm.FormD)));

        var raw = await _http.GetStringAsync(TestData.PlanUrl(code, Year));

        Assert.Contains(title, raw, StringComparison.Ordinal);
        Assert.Contains(signer, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", raw, StringComparison.Ordinal);
        var campaign = JsonNode.Parse(raw)!;
        Assert.Equal(title, (string)campaign["plan"]!["title"]!);
        var stored = (string)campaign["tasks"]![0]!["title"]!;
        Assert.Equal(taskTitle, stored);
        Assert.True(stored.IsNormalized(NormalizationForm.FormC));
    }

    public static TheoryData<string, string, string> BadWrites => new()
    {
        // what, url suffix (after the unit's plan url), body
        { "wrong type: target is text", "/tasks", """{"title":"Việc","lead":{"name":"Cán bộ"},"outputs":[{"metric":"articles","target":"mười","unit":"bài"}]}""" },
        { "wrong type: title is a number", "/tasks", """{"title":42,"lead":{"name":"Cán bộ"}}""" },
        { "wrong type: due date is a number", "/tasks", """{"title":"Việc","lead":{"name":"Cán bộ"},"dueDate":20240301}""" },
        { "malformed JSON", "/tasks", """{"title":"Việc",""" },
        { "unknown field", "/tasks", """{"title":"Việc","lead":{"name":"Cán bộ"},"priority":"cao"}""" },
        { "an array for an object", "/tasks", """[{"title":"Việc"}]""" },
        { "a title of 100,000 characters", "/tasks", "{\"title\":\"" + new string('a', 100_000) + "\",\"lead\":{\"name\":\"Cán bộ\"}}" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task Bad_input_is_a_4xx_and_stores_nothing(string what, string suffix, string body)
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsync(TestData.PlanUrl(code, Year) + suffix, TestData.Json(body));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year)));
    }

    [Fact]
    public async Task A_huge_body_is_a_413_and_stores_nothing()
    {
        var code = TestData.FreshCommune();
        var plan = TestData.Plan(Year);
        plan["objectives"] = new string('x', 2 * 1024 * 1024);

        var response = await _http.PutAsync(TestData.PlanUrl(code, Year), TestData.Json(plan.ToJsonString()));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(code, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task A_huge_body_without_a_length_is_a_4xx_and_stores_nothing()
    {
        var code = TestData.FreshCommune();
        var plan = TestData.Plan(Year);
        plan["objectives"] = new string('x', 2 * 1024 * 1024);

        // JsonContent streams without Content-Length. Kestrel cuts such a body at the limit (413);
        // the in-memory test server does not, and then the field limit refuses it (400).
        var response = await _http.PutAsJsonAsync(TestData.PlanUrl(code, Year), plan);

        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(code, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Theory]
    [InlineData("/api/units/ABC/plans/2024", HttpStatusCode.BadRequest, "malformed_unit_code")]
    [InlineData("/api/units/7/plans/2024", HttpStatusCode.BadRequest, "malformed_unit_code")]
    [InlineData("/api/units/99998/plans/2024", HttpStatusCode.NotFound, "unit_not_found")]
    [InlineData("/api/units/01273/plans/năm", HttpStatusCode.BadRequest, "malformed_request")]
    public async Task Invalid_codes_and_years_are_4xx(string url, HttpStatusCode status, string code)
    {
        var response = await _http.PutAsJsonAsync(url, TestData.Plan(Year));
        await Problem.AssertAsync(response, status, code);
    }
}
