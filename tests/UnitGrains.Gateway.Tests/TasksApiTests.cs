using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// <c>/api/units/{code}/plans/{year}/tasks</c>: creation with assigned or chosen ids, validation
/// against the plan, the lifecycle Planned → InProgress → Done or Cancelled with actual outputs,
/// and what happens when many requests hit one campaign at once. Each test has its own commune;
/// the campaign year is in the past so completions may carry their real dates.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TasksApiTests(GatewayFactory factory)
{
    private const int Year = TestData.PastYear;

    private readonly HttpClient _http = factory.CreateClient();

    private static string Today => TestData.Iso(TestData.VietnamToday);

    private async Task<string> PlannedCommuneAsync()
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, Year);
        return code;
    }

    private static string TaskUrl(string code, string taskId) => $"{TestData.TasksUrl(code, Year)}/{taskId}";

    private Task<JsonObject> GetTaskAsync(string code, string taskId) => _http.GetOkAsync<JsonObject>(TaskUrl(code, taskId));

    [Fact]
    public async Task Tasks_without_an_id_get_T1_T2_with_201_and_a_location()
    {
        var code = await PlannedCommuneAsync();

        var first = await _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), TestData.Task());
        var second = await _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), TestData.Task());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal($"/api/units/{code}/plans/{Year}/tasks/T1", first.Headers.Location?.ToString());
        Assert.Equal($"/api/units/{code}/plans/{Year}/tasks/T2", second.Headers.Location?.ToString());
        var created = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("T1", (string)created["id"]!);
        Assert.Equal("planned", (string)created["status"]!);
        Assert.Equal("assigned", (string)created["obligation"]!);
        Assert.Equal("2024-12-31", (string)created["dueDate"]!);
        JsonAssert.Contains(TestData.Task(), created);
        JsonAssert.Equal(created, await _http.GetOkAsync<JsonObject>(first.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task A_task_keeps_the_id_its_client_chose()
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), TestData.Task("loa-xa", dueDate: "2024-09-30"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(TaskUrl(code, "loa-xa"), response.Headers.Location?.ToString());
        var task = await GetTaskAsync(code, "loa-xa");
        Assert.Equal("loa-xa", (string)task["id"]!);
        Assert.Equal("2024-09-30", (string)task["dueDate"]!);
    }

    [Fact]
    public async Task An_assigned_id_never_takes_one_a_client_chose()
    {
        var code = await PlannedCommuneAsync();

        await _http.AddTaskAsync(code, Year, TestData.Task("T5"));
        var next = await _http.AddTaskAsync(code, Year, TestData.Task());

        Assert.Equal("T6", (string)next["id"]!);
    }

    [Fact]
    public async Task A_duplicate_id_is_a_409_and_the_first_task_stays()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("hoi-nghi", title: "Hội nghị tập huấn"));

        var duplicate = await _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), TestData.Task("hoi-nghi", title: "Một việc khác"));

        await Problem.AssertAsync(duplicate, HttpStatusCode.Conflict, "duplicate_task");
        Assert.Equal("Hội nghị tập huấn", (string)(await GetTaskAsync(code, "hoi-nghi"))["title"]!);
        Assert.Single(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year)));
    }

    [Theory]
    [InlineData("2025-01-15")]
    [InlineData("2023-12-31")]
    public async Task A_due_date_outside_the_plan_period_is_a_400_and_stores_nothing(string dueDate)
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), TestData.Task(dueDate: dueDate));

        await Problem.AssertInvalidAsync(response, "outside_plan_period", "dueDate");
        Assert.Empty(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task An_output_target_that_is_not_positive_is_a_400_and_stores_nothing(int target)
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), TestData.Task(target: target));

        await Problem.AssertInvalidAsync(response, "not_positive", "outputs[0].target");
        Assert.Empty(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year)));
    }

    [Theory]
    [InlineData("no title", "title", "required")]
    [InlineData("no lead", "lead", "required")]
    [InlineData("lead without a name", "lead.name", "required")]
    [InlineData("malformed id", "id", "malformed_id")]
    [InlineData("unknown activity", "activityId", "unknown_activity")]
    [InlineData("malformed metric", "outputs[0].metric", "malformed_id")]
    [InlineData("metric twice", "outputs[1].metric", "duplicate")]
    [InlineData("output without a target", "outputs[0].target", "not_positive")]
    public async Task An_invalid_task_is_a_400_keyed_by_field(string breakage, string field, string code)
    {
        var unit = await PlannedCommuneAsync();
        var task = TestData.Task();
        switch (breakage)
        {
            case "no title":
                task.Remove("title");
                break;
            case "no lead":
                task.Remove("lead");
                break;
            case "lead without a name":
                task["lead"] = new JsonObject { ["name"] = "" };
                break;
            case "malformed id":
                task["id"] = "bài 1";
                break;
            case "unknown activity":
                task["activityId"] = "hoi-thi";
                break;
            case "malformed metric":
                task["outputs"]![0]!["metric"] = "số bài";
                break;
            case "metric twice":
                task["outputs"]!.AsArray().Add(new JsonObject { ["metric"] = "articles", ["target"] = 3 });
                break;
            case "output without a target":
                task["outputs"]![0]!.AsObject().Remove("target");
                break;
        }

        var response = await _http.PostAsJsonAsync(TestData.TasksUrl(unit, Year), task);

        await Problem.AssertInvalidAsync(response, code, field);
        Assert.Empty(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(unit, Year)));
    }

    [Fact]
    public async Task A_task_for_a_year_without_a_plan_is_a_404()
    {
        var code = TestData.FreshCommune();

        var response = await _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), TestData.Task());

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "plan_not_found");
        await Problem.AssertAsync(await _http.GetAsync(TestData.TasksUrl(code, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task A_task_is_started_then_completed_with_its_actual_outputs()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("bai-viet"));

        var started = await _http.PostAsync($"{TaskUrl(code, "bai-viet")}/start", null);
        var startedTask = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var completed = await _http.PostAsJsonAsync($"{TaskUrl(code, "bai-viet")}/complete", new { outputs = new { articles = 9 }, evidence = "https://xa.gov.vn/cchc/tin-bai" });

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal("inProgress", (string)startedTask["status"]!);
        Assert.Equal(Today, (string)startedTask["startedOn"]!);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var done = (await completed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("done", (string)done["status"]!);
        Assert.Equal(Today, (string)done["completedOn"]!);
        Assert.Equal(Today, (string)done["startedOn"]!);
        Assert.Equal("https://xa.gov.vn/cchc/tin-bai", (string)done["evidence"]!);
        Assert.Equal(9m, (decimal)done["outputs"]![0]!["actual"]!);
        Assert.Equal(12m, (decimal)done["outputs"]![0]!["target"]!);
        Assert.Equal(0.75m, (decimal)done["outputs"]![0]!["achievement"]!);
        JsonAssert.Equal(done, await GetTaskAsync(code, "bai-viet"));
        var campaign = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));
        Assert.DoesNotContain("bai-viet", campaign["overdueTaskIds"].Strings());
    }

    [Fact]
    public async Task A_past_period_is_entered_after_the_fact_started_and_completed_on_its_own_days()
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, TestData.PastYear);
        await _http.AddTaskAsync(code, TestData.PastYear, TestData.Task("quy-1", dueDate: $"{TestData.PastYear}-03-31"));
        var url = $"{TestData.TasksUrl(code, TestData.PastYear)}/quy-1";

        var started = await _http.PostAsJsonAsync($"{url}/start", new { startedOn = $"{TestData.PastYear}-02-01" });
        Assert.True(started.StatusCode == HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        Assert.Equal($"{TestData.PastYear}-02-01", (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["startedOn"]!);

        // Completed on a day after its start but long before today: accepted, and on time.
        var completed = await _http.PostAsJsonAsync($"{url}/complete", new { outputs = new { articles = 12 }, completedOn = $"{TestData.PastYear}-03-20" });
        Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        var done = (await completed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(($"{TestData.PastYear}-02-01", $"{TestData.PastYear}-03-20"), ((string)done["startedOn"]!, (string)done["completedOn"]!));
    }

    [Theory]
    [InlineData("2099-01-01", "in_future")]
    [InlineData("2020-12-31", "before_plan")]
    public async Task A_start_on_a_day_the_task_could_not_start_is_a_400_and_the_task_stays_planned(string day, string error)
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, TestData.PastYear);
        await _http.AddTaskAsync(code, TestData.PastYear, TestData.Task("t", dueDate: $"{TestData.PastYear}-03-31"));
        var url = $"{TestData.TasksUrl(code, TestData.PastYear)}/t";

        await Problem.AssertInvalidAsync(await _http.PostAsJsonAsync($"{url}/start", new { startedOn = day }), error, "startedOn");
        await Problem.AssertInvalidAsync(await _http.PostAsync($"{url}/start", TestData.Json("{\"startedOn\": \"yesterday\"}")), "malformed_request", "startedOn");
        Assert.Equal("planned", (string)(await _http.GetOkAsync<JsonObject>(url))["status"]!);
    }

    [Fact]
    public async Task A_division_works_the_tasks_its_communes_plan_gives_it_and_nothing_else()
    {
        var commune = TestData.FreshCommune();
        var division = $"{commune}-PVHXH";
        var office = $"{commune}-VP";
        await _http.PutPlanAsync(commune, TestData.PastYear);
        var led = TestData.Task("led", dueDate: $"{TestData.PastYear}-06-30");
        led["lead"] = new JsonObject { ["name"] = "Phòng Văn hóa – Xã hội", ["code"] = division };
        var other = TestData.Task("other", dueDate: $"{TestData.PastYear}-06-30");
        other["lead"] = new JsonObject { ["name"] = "Văn phòng HĐND và UBND", ["code"] = office };
        await _http.AddTaskAsync(commune, TestData.PastYear, led);
        await _http.AddTaskAsync(commune, TestData.PastYear, other);

        var officer = factory.CreateAnonymousClient();
        officer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", factory.Token(division, UnitRole.Officer));

        // Its work list: the task its commune's plan gives it, overdue, and not the office's.
        var work = await officer.GetOkAsync<JsonArray>($"/api/units/{division}/work?year={TestData.PastYear}");
        var item = Assert.Single(work)!;
        Assert.Equal((commune, "led", true), ((string)item["owner"]!["code"]!, (string)item["task"]!["id"]!, (bool)item["overdue"]!));

        // Its officer records the work in the commune's plan, dated as it happened.
        var url = $"{TestData.TasksUrl(commune, TestData.PastYear)}/led";
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"{url}/start", new { startedOn = $"{TestData.PastYear}-05-02" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"{url}/complete", new { outputs = new { articles = 12 }, completedOn = $"{TestData.PastYear}-06-20" })).StatusCode);

        // Nothing else of the commune's: another lead's task, the plan, a new task.
        await Problem.AssertAsync(await officer.PostAsJsonAsync($"{TestData.TasksUrl(commune, TestData.PastYear)}/other/complete", new { outputs = new { articles = 1 } }), HttpStatusCode.Forbidden, "out_of_scope");
        await Problem.AssertAsync(await officer.PostAsJsonAsync($"{url}/cancel", new { reason = "x" }), HttpStatusCode.Forbidden, "out_of_scope");
        await Problem.AssertAsync(await officer.PostAsJsonAsync(TestData.TasksUrl(commune, TestData.PastYear), TestData.Task("x")), HttpStatusCode.Forbidden, "out_of_scope");

        // A viewer of the division writes nothing, led or not.
        var viewer = factory.CreateAnonymousClient();
        viewer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", factory.Token(division, UnitRole.Viewer));
        await Problem.AssertAsync(await viewer.PostAsJsonAsync($"{TestData.TasksUrl(commune, TestData.PastYear)}/other/start", new { }), HttpStatusCode.Forbidden, "out_of_scope");

        // The plan's owner sees the result.
        var done = await _http.GetOkAsync<JsonObject>(url);
        Assert.Equal(("done", $"{TestData.PastYear}-06-20"), ((string)done["status"]!, (string)done["completedOn"]!));
    }

    [Fact]
    public async Task A_planned_task_can_be_completed_directly_on_a_past_date()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("som"));

        var completed = await _http.PostAsJsonAsync($"{TaskUrl(code, "som")}/complete", new { outputs = new { articles = 12 }, completedOn = "2024-05-10" });

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var task = await GetTaskAsync(code, "som");
        Assert.Equal("done", (string)task["status"]!);
        Assert.Equal("2024-05-10", (string)task["completedOn"]!);
        Assert.Equal("2024-05-10", (string)task["startedOn"]!);
    }

    [Fact]
    public async Task Today_is_the_date_in_Vietnam_for_completions()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("hom-nay"));
        await _http.AddTaskAsync(code, Year, TestData.Task("mac-dinh"));

        var explicitToday = await _http.PostAsJsonAsync($"{TaskUrl(code, "hom-nay")}/complete", new { outputs = new { articles = 1 }, completedOn = Today });
        var implicitToday = await _http.PostAsJsonAsync($"{TaskUrl(code, "mac-dinh")}/complete", new { outputs = new { articles = 1 } });

        Assert.Equal(HttpStatusCode.OK, explicitToday.StatusCode);
        Assert.Equal(Today, (string)(await implicitToday.Content.ReadFromJsonAsync<JsonObject>())!["completedOn"]!);
    }

    [Fact]
    public async Task A_task_without_outputs_is_completed_with_an_empty_body()
    {
        var code = await PlannedCommuneAsync();
        var task = TestData.Task("khong-dau-ra");
        task.Remove("outputs");
        await _http.AddTaskAsync(code, Year, task);

        var completed = await _http.PostAsync($"{TaskUrl(code, "khong-dau-ra")}/complete", null);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("done", (string)(await GetTaskAsync(code, "khong-dau-ra"))["status"]!);
    }

    [Fact]
    public async Task A_started_or_finished_task_cannot_be_started_again()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("hai-lan"));

        await _http.PostAsync($"{TaskUrl(code, "hai-lan")}/start", null);
        var again = await _http.PostAsync($"{TaskUrl(code, "hai-lan")}/start", null);
        await _http.PostAsJsonAsync($"{TaskUrl(code, "hai-lan")}/complete", new { outputs = new { articles = 1 } });
        var afterDone = await _http.PostAsync($"{TaskUrl(code, "hai-lan")}/start", null);
        var completeAgain = await _http.PostAsJsonAsync($"{TaskUrl(code, "hai-lan")}/complete", new { outputs = new { articles = 5 } });

        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "invalid_transition");
        await Problem.AssertAsync(afterDone, HttpStatusCode.Conflict, "invalid_transition");
        await Problem.AssertAsync(completeAgain, HttpStatusCode.Conflict, "invalid_transition");
        Assert.Equal(1m, (decimal)(await GetTaskAsync(code, "hai-lan"))["outputs"]![0]!["actual"]!);
    }

    [Fact]
    public async Task A_cancelled_task_cannot_be_completed()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("huy"));

        var cancelled = await _http.PostAsJsonAsync($"{TaskUrl(code, "huy")}/cancel", new { reason = "Gộp vào hội nghị của tỉnh" });
        var completed = await _http.PostAsJsonAsync($"{TaskUrl(code, "huy")}/complete", new { outputs = new { articles = 1 } });
        var cancelledAgain = await _http.PostAsJsonAsync($"{TaskUrl(code, "huy")}/cancel", new { reason = "Lần nữa" });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var problem = await Problem.AssertAsync(completed, HttpStatusCode.Conflict, "invalid_transition");
        Assert.Contains("cancelled", problem.GetProperty("detail").GetString());
        await Problem.AssertAsync(cancelledAgain, HttpStatusCode.Conflict, "invalid_transition");
        var task = await GetTaskAsync(code, "huy");
        Assert.Equal("cancelled", (string)task["status"]!);
        Assert.Equal("Gộp vào hội nghị của tỉnh", (string)task["cancelReason"]!);
        Assert.Equal(Today, (string)task["cancelledOn"]!);
        Assert.Null(task["completedOn"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{ \"reason\": null }")]
    [InlineData("{ \"reason\": \"   \" }")]
    [InlineData("")]
    public async Task Cancelling_without_a_reason_is_a_400_and_the_task_stays_open(string body)
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("ly-do"));

        var response = await _http.PostAsync($"{TaskUrl(code, "ly-do")}/cancel", body.Length == 0 ? null : TestData.Json(body));

        await Problem.AssertInvalidAsync(response, "required", "reason");
        Assert.Equal("planned", (string)(await GetTaskAsync(code, "ly-do"))["status"]!);
    }

    [Theory]
    [InlineData("{ \"outputs\": {} }", "missing_actual", "outputs.articles")]
    [InlineData("{}", "missing_actual", "outputs.articles")]
    [InlineData("{ \"outputs\": { \"articles\": 3, \"photos\": 2 } }", "unknown_output", "outputs.photos")]
    [InlineData("{ \"outputs\": { \"articles\": -1 } }", "negative", "outputs.articles")]
    [InlineData("{ \"outputs\": { \"articles\": 3 }, \"completedOn\": \"2023-12-31\" }", "before_plan", "completedOn")]
    [InlineData("{ \"outputs\": { \"articles\": 3 }, \"completedOn\": \"2024-01-02\" }", "before_start", "completedOn")]
    public async Task An_invalid_completion_is_a_400_and_the_task_is_not_done(string body, string code, string field)
    {
        var unit = await PlannedCommuneAsync();
        await _http.AddTaskAsync(unit, Year, TestData.Task("chua-xong"));
        await _http.PostAsync($"{TaskUrl(unit, "chua-xong")}/start", null);

        var response = await _http.PostAsync($"{TaskUrl(unit, "chua-xong")}/complete", TestData.Json(body));

        await Problem.AssertInvalidAsync(response, code, field);
        var task = await GetTaskAsync(unit, "chua-xong");
        Assert.Equal("inProgress", (string)task["status"]!);
        Assert.Null(task["completedOn"]);
        Assert.Null(task["outputs"]![0]!["actual"]);
    }

    [Fact]
    public async Task A_completion_dated_tomorrow_in_Vietnam_is_a_400()
    {
        var unit = await PlannedCommuneAsync();
        await _http.AddTaskAsync(unit, Year, TestData.Task("ngay-mai"));

        var response = await _http.PostAsJsonAsync($"{TaskUrl(unit, "ngay-mai")}/complete", new { outputs = new { articles = 3 }, completedOn = TestData.Iso(TestData.VietnamToday.AddDays(1)) });

        await Problem.AssertInvalidAsync(response, "in_future", "completedOn");
        Assert.Equal("planned", (string)(await GetTaskAsync(unit, "ngay-mai"))["status"]!);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/start")]
    [InlineData("POST", "/complete")]
    [InlineData("POST", "/cancel")]
    public async Task An_unknown_task_is_a_404_problem(string method, string action)
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("co-that"));

        var request = new HttpRequestMessage(new HttpMethod(method), $"{TaskUrl(code, "khong-co")}{action}");
        if (action == "/cancel")
        {
            request.Content = JsonContent.Create(new { reason = "Không cần" });
        }

        var response = await _http.SendAsync(request);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound, "task_not_found");
        Assert.Contains("khong-co", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_list_holds_every_task_in_creation_order_and_open_past_tasks_are_overdue()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("b", dueDate: "2024-03-01"));
        await _http.AddTaskAsync(code, Year, TestData.Task("a", dueDate: "2024-02-01"));
        await _http.AddTaskAsync(code, Year, TestData.Task());
        await _http.PostAsJsonAsync($"{TaskUrl(code, "a")}/complete", new { outputs = new { articles = 12 }, completedOn = "2024-01-30" });

        var list = await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year));
        var campaign = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));

        Assert.Equal(["b", "a", "T1"], list.Select(t => (string)t!["id"]!));
        Assert.Equal(["planned", "done", "planned"], list.Select(t => (string)t!["status"]!));
        JsonAssert.Equal(campaign["tasks"], list);
        Assert.Equal(["T1", "b"], campaign["overdueTaskIds"].Strings().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Twenty_parallel_additions_get_twenty_distinct_ids_and_all_are_stored()
    {
        var code = await PlannedCommuneAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), TestData.Task(title: $"Việc song song số {i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = responses.Select(r => r.Headers.Location!.ToString().Split('/')[^1]).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"T{n}").Order(), ids.Order());
        var stored = await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year));
        Assert.Equal(20, stored.Count);
        Assert.Equal(ids.Order(), stored.Select(t => (string)t!["id"]!).Order());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"Việc song song số {i}").Order(), stored.Select(t => (string)t!["title"]!).Order());
    }

    [Fact]
    public async Task Twenty_parallel_additions_of_one_chosen_id_create_it_once()
    {
        var code = await PlannedCommuneAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            _http.PostAsJsonAsync(TestData.TasksUrl(code, Year), TestData.Task("mot-lan"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Single(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year)));
    }

    [Fact]
    public async Task Ten_parallel_completions_of_one_task_succeed_exactly_once()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("dua"));

        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(n =>
            _http.PostAsJsonAsync($"{TaskUrl(code, "dua")}/complete", new { outputs = new { articles = n } })));

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var losers = responses.Where(r => r != winner).ToList();
        Assert.Equal(9, losers.Count);
        foreach (var loser in losers)
        {
            await Problem.AssertAsync(loser, HttpStatusCode.Conflict, "invalid_transition");
        }

        var won = (await winner.Content.ReadFromJsonAsync<JsonObject>())!;
        var stored = await GetTaskAsync(code, "dua");
        Assert.Equal("done", (string)stored["status"]!);
        Assert.Equal((decimal)won["outputs"]![0]!["actual"]!, (decimal)stored["outputs"]![0]!["actual"]!);
    }

    [Fact]
    public async Task Parallel_cancel_and_complete_of_one_task_let_exactly_one_through()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("tranh"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(n => n % 2 == 0
            ? _http.PostAsJsonAsync($"{TaskUrl(code, "tranh")}/complete", new { outputs = new { articles = 2 } })
            : _http.PostAsJsonAsync($"{TaskUrl(code, "tranh")}/cancel", new { reason = "Không còn cần thiết" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Contains((string)(await GetTaskAsync(code, "tranh"))["status"]!, new[] { "done", "cancelled" });
    }
}
