using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// Plans, tasks, reports and plan import through the real HTTP pipeline. Each test writes to its own
/// commune of Cao Bằng (04) — no other test class uses that province — so tests are independent.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CampaignEndpointsTests(GatewayFactory factory)
{
    private const int Year = 2026;

    private static readonly string[] Communes = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "units", "units-2level-2025-07.csv"))
        .Select(l => l.Split(','))
        .Where(f => f[3] == "04")
        .Select(f => f[0])
        .ToArray();

    private readonly HttpClient _http = factory.CreateClient();

    private static object Plan(string from = "2026-01-01", string to = "2026-12-31", string? issuedOn = "2026-01-05") => new
    {
        title = "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2026",
        identifier = "12/KH-UBND",
        period = new { from, to },
        issuedOn,
        audiences = new[] { "citizens", "businesses" },
        channels = new[] { "webPortal", "loudspeakers" },
        reporting = new { requirements = new[] { new { frequency = "quarterly", dueDay = 5 } } },
    };

    private static object Task(string? id = null, string dueDate = "2026-09-30", int target = 12) => new
    {
        id,
        title = "Đăng tin bài về CCHC trên trang thông tin điện tử xã",
        lead = new { name = "Công chức Văn hóa – Xã hội" },
        dueDate,
        outputs = new[] { new { metric = "articles", target, unit = "bài", channel = "webPortal" } },
    };

    private async Task<string> PlannedCommuneAsync(int index)
    {
        var code = Communes[index];
        var put = await _http.PutAsJsonAsync($"/api/units/{code}/plans/{Year}", Plan());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return code;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_plan_put_is_read_back_with_its_tasks_and_expected_reports()
    {
        var code = await PlannedCommuneAsync(0);

        var campaign = await _http.GetFromJsonAsync<JsonObject>($"/api/units/{code}/plans/{Year}");

        Assert.Equal(code, (string)campaign!["unitCode"]!);
        Assert.Equal("12/KH-UBND", (string)campaign["plan"]!["identifier"]!);
        Assert.Equal("2026-01-01", (string)campaign["plan"]!["period"]!["from"]!);
        Assert.Equal(["citizens", "businesses"], campaign["plan"]!["audiences"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(4, campaign["expectedReports"]!.AsArray().Count);
        Assert.Equal("2026-03-05", (string)campaign["expectedReports"]![0]!["deadline"]!);
    }

    [Fact]
    public async Task A_year_without_a_plan_is_a_404()
    {
        var response = await _http.GetAsync($"/api/units/{Communes[1]}/plans/2031");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task An_invalid_plan_names_every_broken_rule_and_stores_nothing()
    {
        var code = Communes[2];

        var response = await _http.PutAsJsonAsync($"/api/units/{code}/plans/{Year}", Plan(from: "2026-12-31", to: "2026-01-01", issuedOn: "2099-01-01"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "period_reversed");
        var errors = await Problem.FieldErrorsAsync(response);
        Assert.Contains("period.to", errors.Keys);
        Assert.Contains("issuedOn", errors.Keys);
        await Problem.AssertAsync(await _http.GetAsync($"/api/units/{code}/plans/{Year}"), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Theory]
    [InlineData("{ \"title\": 5, \"period\": { \"from\": \"2026-01-01\", \"to\": \"2026-12-31\" } }")]
    [InlineData("{ \"title\": \"KH\", \"period\": { \"from\": \"2026-13-45\", \"to\": \"2026-12-31\" } }")]
    [InlineData("{ \"title\": \"KH\", \"period\": { \"from\": \"2026-01-01\", \"to\": \"2026-12-31\" }, \"channels\": [\"tv\"] }")]
    [InlineData("{ \"title\": \"KH\", \"period\": { \"from\": \"2026-01-01\", \"to\": \"2026-12-31\" }, \"colour\": \"red\" }")]
    [InlineData("{ \"title\": \"KH\", ")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem_and_stores_nothing(string body)
    {
        var code = Communes[3];

        var response = await _http.PutAsync($"/api/units/{code}/plans/{Year}", Json(body));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        await Problem.AssertAsync(await _http.GetAsync($"/api/units/{code}/plans/{Year}"), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task A_year_that_is_not_a_number_is_a_400()
    {
        var response = await _http.GetAsync($"/api/units/{Communes[3]}/plans/abc");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_a_413()
    {
        var huge = $"{{ \"title\": \"{new string('a', 1_100_000)}\", \"period\": {{ \"from\": \"2026-01-01\", \"to\": \"2026-12-31\" }} }}";

        var response = await _http.PutAsync($"/api/units/{Communes[4]}/plans/{Year}", Json(huge));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task Tasks_are_created_with_assigned_or_chosen_ids_and_a_location()
    {
        var code = await PlannedCommuneAsync(5);

        var assigned = await _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks", Task());
        var chosen = await _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks", Task("loa-xa"));
        var duplicate = await _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks", Task("loa-xa"));

        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        Assert.Equal($"/api/units/{code}/plans/{Year}/tasks/T1", assigned.Headers.Location?.ToString());
        Assert.Equal("loa-xa", (string)(await chosen.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        await Problem.AssertAsync(duplicate, HttpStatusCode.Conflict, "duplicate_task");
        var task = await _http.GetFromJsonAsync<JsonObject>($"/api/units/{code}/plans/{Year}/tasks/T1");
        Assert.Equal("planned", (string)task!["status"]!);
    }

    [Theory]
    [InlineData("2027-01-15", 12, "outside_plan_period")]
    [InlineData("2026-05-01", 0, "not_positive")]
    [InlineData("2026-05-01", -3, "not_positive")]
    public async Task An_invalid_task_is_a_400(string dueDate, int target, string code)
    {
        var unit = await PlannedCommuneAsync(6);

        var response = await _http.PostAsJsonAsync($"/api/units/{unit}/plans/{Year}/tasks", Task(dueDate: dueDate, target: target));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task A_task_goes_through_its_lifecycle_and_records_its_outputs()
    {
        var code = await PlannedCommuneAsync(7);
        await _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks", Task("bai-viet"));
        var path = $"/api/units/{code}/plans/{Year}/tasks/bai-viet";

        var started = await _http.PostAsync($"{path}/start", null);
        var missingActual = await _http.PostAsJsonAsync($"{path}/complete", new { outputs = new { } });
        var completed = await _http.PostAsJsonAsync($"{path}/complete", new { outputs = new { articles = 9 }, evidence = "https://xa.caobang.gov.vn/cchc" });
        var again = await _http.PostAsJsonAsync($"{path}/complete", new { outputs = new { articles = 9 } });

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        await Problem.AssertAsync(missingActual, HttpStatusCode.BadRequest, "missing_actual");
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var task = (await completed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("done", (string)task["status"]!);
        Assert.Equal(9m, (decimal)task["outputs"]![0]!["actual"]!);
        Assert.Equal(0.75m, (decimal)task["outputs"]![0]!["achievement"]!);
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task A_cancelled_task_cannot_be_completed_and_cancelling_needs_a_reason()
    {
        var code = await PlannedCommuneAsync(8);
        await _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks", Task("hoi-nghi"));
        var path = $"/api/units/{code}/plans/{Year}/tasks/hoi-nghi";

        var noReason = await _http.PostAsJsonAsync($"{path}/cancel", new { });
        var cancelled = await _http.PostAsJsonAsync($"{path}/cancel", new { reason = "Gộp vào hội nghị của huyện" });
        var completed = await _http.PostAsJsonAsync($"{path}/complete", new { outputs = new { articles = 1 } });

        await Problem.AssertAsync(noReason, HttpStatusCode.BadRequest, "required");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await Problem.AssertAsync(completed, HttpStatusCode.Conflict, "invalid_transition");
        await Problem.AssertAsync(await _http.PostAsync($"/api/units/{code}/plans/{Year}/tasks/khong-co/start", null), HttpStatusCode.NotFound, "task_not_found");
    }

    [Fact]
    public async Task Reports_are_submitted_once_for_periods_the_plan_requires()
    {
        var code = await PlannedCommuneAsync(9);
        await _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks", Task("q1", dueDate: "2026-03-01"));
        var reports = $"/api/units/{code}/plans/{Year}/reports";

        await _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks/q1/complete", new { outputs = new { articles = 4 }, completedOn = "2026-02-20" });
        await _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks", Task("q1b", dueDate: "2026-03-01"));
        var submitted = await _http.PostAsJsonAsync(reports, new { period = "2026-Q1", submittedOn = "2026-03-04", summary = "Đã triển khai" });
        var twice = await _http.PostAsJsonAsync(reports, new { period = "2026-Q1" });
        var notRequired = await _http.PostAsJsonAsync(reports, new { period = "2026-H1" });
        var malformed = await _http.PostAsJsonAsync(reports, new { period = "Q1-2026" });

        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var report = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("2026-Q1", (string)report["period"]!);
        Assert.Equal(["q1"], report["tasksDone"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["q1b"], report["tasksPending"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(4m, (decimal)report["outputsByChannel"]!["webPortal"]!);
        await Problem.AssertAsync(twice, HttpStatusCode.Conflict, "already_submitted");
        await Problem.AssertAsync(notRequired, HttpStatusCode.BadRequest, "not_required");
        await Problem.AssertAsync(malformed, HttpStatusCode.BadRequest, "malformed_period");
        var listed = await _http.GetFromJsonAsync<JsonObject>(reports);
        Assert.Single(listed!["reports"]!.AsArray());
        Assert.True(listed["reports"]![0]!["outputsByChannel"]!.AsObject().All(p => p.Key == "webPortal"), "channels are camelCase keys");
        Assert.Equal("submittedOnTime", (string)listed["expectedReports"]![0]!["status"]!);
    }

    [Fact]
    public async Task Concurrent_task_additions_all_land_with_distinct_ids()
    {
        var code = await PlannedCommuneAsync(10);

        var responses = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks", Task())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(20, responses.Select(r => r.Headers.Location!.ToString()).Distinct().Count());
        Assert.Equal(20, (await _http.GetFromJsonAsync<JsonArray>($"/api/units/{code}/plans/{Year}/tasks"))!.Count);
    }

    [Fact]
    public async Task Concurrent_completions_of_one_task_succeed_once()
    {
        var code = await PlannedCommuneAsync(11);
        await _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks", Task("race"));

        var responses = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            _http.PostAsJsonAsync($"/api/units/{code}/plans/{Year}/tasks/race/complete", new { outputs = new { articles = 12 } })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task A_plan_file_imports_all_or_nothing_and_again_without_change()
    {
        var code = Communes[12];
        object File(string due) => new
        {
            unit = code,
            year = Year,
            hierarchy = "2level-2025-07",
            plan = Plan(),
            tasks = new[] { Task("a1"), Task("a2", dueDate: due) },
        };

        var broken = await _http.PostAsJsonAsync("/api/plans/import", File("2027-02-01"));
        await Problem.AssertAsync(broken, HttpStatusCode.BadRequest, "outside_plan_period");
        await Problem.AssertAsync(await _http.GetAsync($"/api/units/{code}/plans/{Year}"), HttpStatusCode.NotFound, "plan_not_found");

        var imported = await _http.PostAsJsonAsync("/api/plans/import", File("2026-06-30"));
        var reimported = await _http.PostAsJsonAsync("/api/plans/import", File("2026-06-30"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reimported.StatusCode);
        Assert.Equal(["a1", "a2"], (await _http.GetFromJsonAsync<JsonArray>($"/api/units/{code}/plans/{Year}/tasks"))!.Select(t => (string)t!["id"]!));
    }

    [Fact]
    public async Task A_plan_file_for_a_unit_that_does_not_exist_or_with_a_bad_date_changes_nothing()
    {
        var unknown = await _http.PostAsJsonAsync("/api/plans/import", new { unit = "99999", year = Year, plan = Plan() });
        var badDate = await _http.PostAsync("/api/plans/import", Json($"{{ \"unit\": \"{Communes[13]}\", \"year\": {Year}, \"plan\": {{ \"title\": \"KH\", \"period\": {{ \"from\": \"2026-02-30\", \"to\": \"2026-12-31\" }} }} }}"));

        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "unit_not_found");
        await Problem.AssertAsync(await _http.GetAsync("/api/units/99999"), HttpStatusCode.NotFound, "unit_not_found");
        await Problem.AssertAsync(badDate, HttpStatusCode.BadRequest, "malformed_request");
        await Problem.AssertAsync(await _http.GetAsync($"/api/units/{Communes[13]}/plans/{Year}"), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task The_seed_plan_of_Binh_Minh_is_imported_at_start()
    {
        var campaign = await _http.GetFromJsonAsync<JsonObject>("/api/units/26278/plans/2025");

        Assert.Equal("44/KH-UBND", (string)campaign!["plan"]!["identifier"]!);
        Assert.Equal("parentPlan", (string)campaign["plan"]!["legalBases"]!.AsArray().First(b => (string)b!["kind"]! == "parentPlan")!["kind"]!);
        Assert.Equal(17, campaign["tasks"]!.AsArray().Count);
    }
}
