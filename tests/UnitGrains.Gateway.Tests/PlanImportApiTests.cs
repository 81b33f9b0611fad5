using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// <c>POST /api/plans/import</c> with a plan file (the <c>data/plans/*.json</c> format): the unit
/// and year come from the file; the import is all or nothing, and importing the same file again
/// changes nothing. Each test imports into a commune of its own; the start-up seed plan of
/// Bình Minh (26278, 2025) is only read.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PlanImportApiTests(GatewayFactory factory)
{
    private const int Year = TestData.PastYear;
    private const string ImportUrl = "/api/plans/import";

    private readonly HttpClient _http = factory.CreateClient();

    private static JsonObject File(string unit, params JsonObject[] tasks) =>
        TestData.PlanFile(unit, Year, null, tasks.Length > 0 ? tasks : [TestData.Task("a1", dueDate: "2024-03-31"), TestData.Task("a2", dueDate: "2024-06-30")]);

    private static JsonObject SeedFile() =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(TestData.DataDirectory, "plans", "004-binh-minh-2025.json")))!.AsObject();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_file_naming_no_list_is_read_in_todays_codes(string? hierarchy)
    {
        var code = TestData.FreshCommune();
        var file = File(code);
        file.Remove("hierarchy");
        if (hierarchy is not null)
        {
            file["hierarchy"] = hierarchy;
        }

        var response = await _http.PostAsJsonAsync(ImportUrl, file);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(code, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["unitCode"]!);
    }

    [Fact]
    public async Task A_file_of_an_older_list_lands_on_the_unit_its_code_named_then_and_only_its_officers_may_import_it()
    {
        // 00004 was phường Trúc Bạch in the 3-level lists; today it is phường Ba Đình's code.
        const string then = "00004@2025-06-30";
        var file = TestData.PlanFile("00004", 2022, TestData.Plan(2022), TestData.Task("h1", dueDate: "2022-06-30"));
        file["hierarchy"] = "3level-2023";
        var anonymous = factory.CreateAnonymousClient();

        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", factory.Token("00004", UnitGrains.Gateway.Auth.UnitRole.Officer));
        var refused = await anonymous.PostAsJsonAsync(ImportUrl, file);
        await Problem.AssertAsync(refused, HttpStatusCode.Forbidden, "out_of_scope");

        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", factory.Token(then, UnitGrains.Gateway.Auth.UnitRole.Officer));
        var response = await anonymous.PostAsJsonAsync(ImportUrl, file);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(then, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["unitCode"]!);
    }

    [Fact]
    public async Task A_plan_file_for_an_existing_commune_is_imported_with_its_tasks()
    {
        var code = TestData.FreshCommune();

        var response = await _http.PostAsJsonAsync(ImportUrl, File(code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(code, (string)view["unitCode"]!);
        Assert.Equal(Year, (int)view["year"]!);
        Assert.Equal(["a1", "a2"], view["tasks"]!.AsArray().Select(t => (string)t!["id"]!));
        var campaign = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));
        JsonAssert.Equal(view, campaign);
        JsonAssert.Contains(TestData.Plan(Year), campaign["plan"]);
        Assert.Equal(["a1", "a2"], (await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year))).Select(t => (string)t!["id"]!));
        // The plan's regime is what it asks of the units below; the commune of the July 2025 list owed nothing in 2024.
        Assert.Single(campaign["plan"]!["reporting"]!["requirements"]!.AsArray());
        Assert.Empty(campaign["expectedReports"]!.AsArray());
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_not_even_recorded_work()
    {
        var code = TestData.FreshCommune();
        var file = File(code);
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync(ImportUrl, file)).StatusCode);
        var completed = await _http.PostAsJsonAsync($"{TestData.TasksUrl(code, Year)}/a1/complete", new { outputs = new { articles = 10 }, completedOn = "2024-03-20" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var before = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));

        var again = await _http.PostAsJsonAsync(ImportUrl, file);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var after = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));
        JsonAssert.Equal(before, after);
        Assert.Equal("done", (string)after["tasks"]![0]!["status"]!);
        Assert.Equal(10m, (decimal)after["tasks"]![0]!["outputs"]![0]!["actual"]!);
    }

    [Fact]
    public async Task A_plan_file_for_an_unknown_unit_is_a_404_and_creates_nothing()
    {
        Assert.DoesNotContain(TestData.Units, u => u.Code == "99999");

        var response = await _http.PostAsJsonAsync(ImportUrl, File("99999"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound, "unit_not_found");
        Assert.Contains("99999", problem.GetProperty("detail").GetString());
        await Problem.AssertAsync(await _http.GetAsync("/api/units/99999"), HttpStatusCode.NotFound, "unit_not_found");
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl("99999", Year)), HttpStatusCode.NotFound, "unit_not_found");
    }

    [Fact]
    public async Task A_plan_file_for_an_unknown_department_is_a_404_and_creates_nothing()
    {
        var response = await _http.PostAsJsonAsync(ImportUrl, File("01-ZZZ"));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "unit_not_found");
        await Problem.AssertAsync(await _http.GetAsync("/api/units/01-ZZZ"), HttpStatusCode.NotFound, "unit_not_found");
        Assert.DoesNotContain("01-ZZZ", (await _http.GetOkAsync<JsonObject>("/api/units/01/children?limit=1000"))["items"].Codes());
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2024-13-01")]
    [InlineData("30/01/2024")]
    [InlineData("2024-1-5")]
    public async Task A_malformed_date_in_a_new_file_is_a_400_and_stores_nothing(string date)
    {
        var code = TestData.FreshCommune();
        var file = File(code);
        file["tasks"]![1]!["dueDate"] = date;

        var response = await _http.PostAsJsonAsync(ImportUrl, file);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains("dueDate", problem.GetProperty("detail").GetString());
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(code, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task A_malformed_date_in_a_changed_file_is_a_400_and_changes_nothing()
    {
        var code = TestData.FreshCommune();
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync(ImportUrl, File(code))).StatusCode);
        var before = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));
        var changed = File(code, TestData.Task("a1", dueDate: "2024-03-31"), TestData.Task("a2", dueDate: "2024-06-30"), TestData.Task("a3", dueDate: "2024-09-31"));
        changed["plan"]!["title"] = "Kế hoạch đã sửa";

        var response = await _http.PostAsJsonAsync(ImportUrl, changed);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        JsonAssert.Equal(before, await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year)));
    }

    [Fact]
    public async Task A_file_with_one_invalid_task_imports_nothing()
    {
        var code = TestData.FreshCommune();
        var file = File(code, TestData.Task("a1", dueDate: "2024-03-31"), TestData.Task("a2", dueDate: "2025-02-01"));

        var response = await _http.PostAsJsonAsync(ImportUrl, file);

        await Problem.AssertInvalidAsync(response, "outside_plan_period", "tasks[1].dueDate");
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(code, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task A_file_that_redefines_an_imported_task_is_a_409_and_changes_nothing()
    {
        var code = TestData.FreshCommune();
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync(ImportUrl, File(code))).StatusCode);
        var before = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));

        var response = await _http.PostAsJsonAsync(ImportUrl, File(code, TestData.Task("a1", dueDate: "2024-04-30"), TestData.Task("a2", dueDate: "2024-06-30"), TestData.Task("a3")));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "task_redefined");
        Assert.Contains("a1", problem.GetProperty("detail").GetString());
        JsonAssert.Equal(before, await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year)));
    }

    [Fact]
    public async Task A_file_may_add_tasks_to_an_imported_plan()
    {
        var code = TestData.FreshCommune();
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync(ImportUrl, File(code))).StatusCode);

        var response = await _http.PostAsJsonAsync(ImportUrl, File(code, TestData.Task("a1", dueDate: "2024-03-31"), TestData.Task("a2", dueDate: "2024-06-30"), TestData.Task("a3")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["a1", "a2", "a3"], (await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(code, Year))).Select(t => (string)t!["id"]!));
    }

    [Theory]
    [InlineData("task without an id", "tasks[0].id", "required")]
    [InlineData("unknown agency", "tasks[0].lead", "unknown_unit")]
    [InlineData("malformed unit", "unit", "malformed_unit_code")]
    [InlineData("no unit", "unit", "malformed_unit_code")]
    [InlineData("no year", "year", "required")]
    [InlineData("year out of range", "year", "year_out_of_range")]
    [InlineData("no plan", "plan", "required")]
    [InlineData("plan without a title", "plan.title", "required")]
    public async Task An_invalid_file_is_a_400_keyed_by_field_and_stores_nothing(string breakage, string field, string code)
    {
        var unit = TestData.FreshCommune();
        var file = File(unit);
        switch (breakage)
        {
            case "task without an id":
                file["tasks"]![0]!.AsObject().Remove("id");
                break;
            case "unknown agency":
                file["tasks"]![0]!["lead"]!["code"] = "99998";
                break;
            case "malformed unit":
                file["unit"] = "abc";
                break;
            case "no unit":
                file.Remove("unit");
                break;
            case "no year":
                file.Remove("year");
                break;
            case "year out of range":
                file["year"] = 1999;
                break;
            case "no plan":
                file.Remove("plan");
                break;
            case "plan without a title":
                file["plan"]!.AsObject().Remove("title");
                break;
        }

        var response = await _http.PostAsJsonAsync(ImportUrl, file);

        await Problem.AssertInvalidAsync(response, code, field);
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(unit, Year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task The_seed_plan_of_Binh_Minh_was_imported_at_start_up_as_its_file_says()
    {
        var file = SeedFile();

        var campaign = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl("26278", 2025));

        Assert.Equal("26278", (string)file["unit"]!);
        Assert.Equal(2025, (int)file["year"]!);
        Assert.Equal("44/KH-UBND", (string)campaign["plan"]!["identifier"]!);
        JsonAssert.Contains(file["plan"], campaign["plan"]);
        Assert.Equal(file["tasks"]!.AsArray().Select(t => (string)t!["id"]!), campaign["tasks"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Contains(campaign["plan"]!["legalBases"]!.AsArray(), b => (string)b!["kind"]! == "parentPlan" && (string)b["issuedBy"]!["code"]! == "75");
    }

    [Fact]
    public async Task A_seed_format_file_imports_into_another_commune()
    {
        var code = TestData.FreshCommune();
        var file = SeedFile();
        file["unit"] = code;

        var response = await _http.PostAsJsonAsync(ImportUrl, file);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var campaign = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, 2025));
        Assert.Equal(file["tasks"]!.AsArray().Count, campaign["tasks"]!.AsArray().Count);
        JsonAssert.Contains(file["plan"], campaign["plan"]);
    }
}
