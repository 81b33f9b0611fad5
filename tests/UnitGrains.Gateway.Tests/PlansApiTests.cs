using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// <c>PUT</c> and <c>GET /api/units/{code}/plans/{year}</c>: a plan is stored as sent (in the API's
/// JSON dialect), replaced by a later PUT, and an invalid one is refused with every broken rule
/// keyed by its field while nothing is stored. Each test writes to a commune of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PlansApiTests(GatewayFactory factory)
{
    private const int Year = TestData.PastYear;

    private readonly HttpClient _http = factory.CreateClient();

    /// <summary>A plan using every section of the format.</summary>
    private static JsonObject FullPlan() => new()
    {
        ["title"] = "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024",
        ["period"] = new JsonObject { ["from"] = "2024-02-01", ["to"] = "2024-12-31" },
        ["identifier"] = "27/KH-UBND",
        ["issuedOn"] = "2024-02-01",
        ["signer"] = "Nguyễn Văn Ánh – Phó Chủ tịch",
        ["issueDeadline"] = "2024-02-15",
        ["legalBases"] = new JsonArray(
            new JsonObject
            {
                ["kind"] = "parentPlan",
                ["reference"] = "42/KH-UBND",
                ["title"] = "Kế hoạch tuyên truyền CCHC của tỉnh năm 2024",
                ["issuedOn"] = "2024-01-20",
                ["issuedBy"] = new JsonObject { ["name"] = "UBND tỉnh Đồng Nai", ["code"] = "75" },
            },
            new JsonObject { ["kind"] = "decision", ["reference"] = "QĐ 1847/QĐ-TTg" }),
        ["objectives"] = "Nâng cao nhận thức của cán bộ, công chức và người dân về cải cách hành chính.",
        ["requirements"] = "Tuyên truyền thường xuyên, thiết thực, đúng đối tượng.",
        ["audiences"] = new JsonArray("officialsAndCivilServants", "citizens", "villageEldersAndPrestigiousPeople"),
        ["topics"] = new JsonArray("administrativeProcedureReform", "digitalGovernment", "reformIndices"),
        ["channels"] = new JsonArray("loudspeakers", "socialNetworks", "oneStopDeskPosting"),
        ["targets"] = new JsonArray(new JsonObject { ["id"] = "ho-so", ["description"] = "Hồ sơ được công khai tình trạng xử lý", ["value"] = 100, ["unit"] = "%" }),
        ["keyActivities"] = new JsonArray(new JsonObject
        {
            ["id"] = "hoi-thi",
            ["title"] = "Hội thi tìm hiểu về cải cách hành chính",
            ["lead"] = new JsonObject { ["name"] = "Phòng Văn hóa – Xã hội" },
            ["coordinators"] = new JsonArray(new JsonObject { ["name"] = "Đoàn Thanh niên xã" }),
            ["funding"] = "Ngân sách xã",
            ["timeFrame"] = "Quý III",
        }),
        ["assignments"] = new JsonArray(new JsonObject
        {
            ["assignee"] = new JsonObject { ["name"] = "Ủy ban Mặt trận Tổ quốc xã" },
            ["obligation"] = "requested",
            ["duties"] = new JsonArray("Phối hợp tuyên truyền đến hội viên"),
        }),
        ["reporting"] = new JsonObject
        {
            ["requirements"] = new JsonArray(
                new JsonObject { ["frequency"] = "quarterly", ["dueDay"] = 5 },
                new JsonObject { ["frequency"] = "annual", ["dueDay"] = 15 }),
            ["consolidator"] = new JsonObject { ["name"] = "Phòng Văn hóa – Xã hội" },
        },
    };

    [Fact]
    public async Task A_plan_put_is_read_back_exactly_in_the_api_dialect()
    {
        var code = TestData.FreshCommune();
        var sent = FullPlan();

        var put = await _http.PutAsJsonAsync(TestData.PlanUrl(code, Year), sent);
        var got = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var written = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        JsonAssert.Equal(written, got);
        Assert.Equal(code, (string)got["unitCode"]!);
        Assert.Equal(Year, (int)got["year"]!);
        Assert.Equal(TestData.Iso(TestData.VietnamToday), (string)got["asOf"]!);
        JsonAssert.Contains(sent, got["plan"]);
        Assert.Empty(got["tasks"]!.AsArray());
        Assert.Empty(got["reports"]!.AsArray());
        Assert.Empty(got["overdueTaskIds"]!.AsArray());
    }

    [Fact]
    public async Task A_second_put_replaces_the_plan()
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, Year);
        var replacement = TestData.Plan(Year, "Kế hoạch sửa đổi");
        replacement["identifier"] = "16/KH-UBND";

        await _http.PutPlanAsync(code, Year, replacement);
        var got = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));

        Assert.Equal("Kế hoạch sửa đổi 2024", (string)got["plan"]!["title"]!);
        Assert.Equal("16/KH-UBND", (string)got["plan"]!["identifier"]!);
    }

    [Fact]
    public async Task Plans_of_two_years_of_one_unit_are_independent()
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, 2023, TestData.Plan(2023, "Kế hoạch A"));
        await _http.PutPlanAsync(code, 2024, TestData.Plan(2024, "Kế hoạch B"));

        Assert.Equal("Kế hoạch A 2023", (string)(await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, 2023)))["plan"]!["title"]!);
        Assert.Equal("Kế hoạch B 2024", (string)(await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, 2024)))["plan"]!["title"]!);
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(code, 2025)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task A_year_without_a_plan_is_a_404_problem()
    {
        var response = await _http.GetAsync(TestData.PlanUrl(TestData.FreshCommune(), Year));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task Plan_text_is_stored_trimmed_and_in_nfc()
    {
        var code = TestData.FreshCommune();
        var plan = TestData.Plan(Year);
        plan["title"] = "  Kế hoạch tuyên truyền năm 2024 ".Normalize(NormalizationForm.FormD);

        await _http.PutPlanAsync(code, Year, plan);
        var title = (string)(await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year)))["plan"]!["title"]!;

        Assert.Equal(Encoding.UTF8.GetBytes("Kế hoạch tuyên truyền năm 2024".Normalize(NormalizationForm.FormC)), Encoding.UTF8.GetBytes(title));
    }

    [Theory]
    [InlineData("reversed period", "period.to", "period_reversed")]
    [InlineData("period in another year", "period.from", "period_outside_campaign")]
    [InlineData("issued tomorrow", "issuedOn", "in_future")]
    [InlineData("issued after the period", "issuedOn", "issued_after_period")]
    [InlineData("no title", "title", "required")]
    [InlineData("blank title", "title", "required")]
    [InlineData("null title", "title", "required")]
    [InlineData("title too long", "title", "too_long")]
    [InlineData("no period", "period", "required")]
    [InlineData("eleven years", "period.to", "period_too_long")]
    [InlineData("channel twice", "channels[1]", "duplicate")]
    [InlineData("target of zero", "targets[0].value", "not_positive")]
    [InlineData("due day 32", "reporting.requirements[0].dueDay", "out_of_range")]
    [InlineData("malformed agency code", "reporting.consolidator.code", "malformed_unit_code")]
    public async Task An_invalid_plan_is_a_400_keyed_by_field_and_stores_nothing(string breakage, string field, string code)
    {
        var unit = TestData.FreshCommune();
        var tomorrow = TestData.VietnamToday.AddDays(1);
        var year = breakage == "issued tomorrow" ? tomorrow.Year : Year;
        var plan = TestData.Plan(year);
        switch (breakage)
        {
            case "reversed period":
                plan["period"] = new JsonObject { ["from"] = "2024-12-31", ["to"] = "2024-01-01" };
                plan.Remove("issuedOn");
                break;
            case "period in another year":
                plan["period"] = new JsonObject { ["from"] = "2023-01-01", ["to"] = "2023-12-31" };
                plan.Remove("issuedOn");
                break;
            case "issued tomorrow":
                plan["issuedOn"] = TestData.Iso(tomorrow);
                break;
            case "issued after the period":
                plan["period"]!["to"] = "2024-06-30";
                plan["issuedOn"] = "2024-07-01";
                break;
            case "no title":
                plan.Remove("title");
                break;
            case "blank title":
                plan["title"] = " \t ";
                break;
            case "null title":
                plan["title"] = null;
                break;
            case "title too long":
                plan["title"] = new string('x', 501);
                break;
            case "no period":
                plan.Remove("period");
                plan.Remove("issuedOn");
                break;
            case "eleven years":
                plan["period"]!["to"] = "2034-01-01";
                break;
            case "channel twice":
                plan["channels"] = new JsonArray("webPortal", "webPortal");
                break;
            case "target of zero":
                plan["targets"] = new JsonArray(new JsonObject { ["id"] = "t", ["description"] = "Chỉ tiêu", ["value"] = 0 });
                break;
            case "due day 32":
                plan["reporting"]!["requirements"]![0]!["dueDay"] = 32;
                break;
            case "malformed agency code":
                plan["reporting"]!["consolidator"]!["code"] = "VN-";
                break;
        }

        var response = await _http.PutAsJsonAsync(TestData.PlanUrl(unit, year), plan);

        await Problem.AssertInvalidAsync(response, code, field);
        await Problem.AssertAsync(await _http.GetAsync(TestData.PlanUrl(unit, year)), HttpStatusCode.NotFound, "plan_not_found");
    }

    [Fact]
    public async Task An_invalid_plan_lists_every_broken_rule_at_once()
    {
        var unit = TestData.FreshCommune();
        var plan = TestData.Plan(Year);
        plan.Remove("title");
        plan["period"] = new JsonObject { ["from"] = "2024-12-31", ["to"] = "2024-01-01" };
        plan["issuedOn"] = TestData.Iso(TestData.VietnamToday.AddDays(1));

        var response = await _http.PutAsJsonAsync(TestData.PlanUrl(unit, Year), plan);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "required");
        var problems = Problem.Problems(problem);
        var errors = Problem.FieldErrors(problem);
        Assert.True(problems.Count >= 3, problem.ToString());
        Assert.Equal($"Invalid request ({problems.Count} problems)", problem.GetProperty("title").GetString());
        Assert.Contains("title", errors.Keys);
        Assert.Contains("period.to", errors.Keys);
        Assert.Contains("issuedOn", errors.Keys);
        Assert.Equal(problems.Count, errors.Values.Sum(m => m.Length));
        Assert.Contains(problems, p => p.Code == "in_future" && p.Field == "issuedOn");
        Assert.Contains(problems, p => p.Code == "period_reversed" && p.Field == "period.to");
    }

    [Fact]
    public async Task An_invalid_put_leaves_the_existing_plan_unchanged()
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, Year);
        var before = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));
        var invalid = TestData.Plan(Year, "Kế hoạch mới");
        invalid["period"] = new JsonObject { ["from"] = "2024-12-31", ["to"] = "2024-01-01" };

        var response = await _http.PutAsJsonAsync(TestData.PlanUrl(code, Year), invalid);

        await Problem.AssertInvalidAsync(response, "period_reversed", "period.to");
        JsonAssert.Equal(before, await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year)));
    }

    [Fact]
    public async Task A_new_period_that_would_strand_tasks_is_refused()
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, Year);
        await _http.AddTaskAsync(code, Year, TestData.Task("cuoi-nam", dueDate: "2024-11-30"));
        var before = await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year));
        var shorter = TestData.Plan(Year);
        shorter["period"]!["to"] = "2024-06-30";

        var response = await _http.PutAsJsonAsync(TestData.PlanUrl(code, Year), shorter);

        var problem = await Problem.AssertInvalidAsync(response, "tasks_outside_period", "period");
        Assert.Contains("cuoi-nam", problem.GetProperty("detail").GetString());
        JsonAssert.Equal(before, await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, Year)));
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    [InlineData(0)]
    public async Task A_campaign_year_out_of_range_is_a_400_problem(int year)
    {
        var code = TestData.FreshCommune();

        var put = await _http.PutAsJsonAsync(TestData.PlanUrl(code, year), TestData.Plan(2024));
        var get = await _http.GetAsync(TestData.PlanUrl(code, year));

        await Problem.AssertInvalidAsync(put, "year_out_of_range", "year");
        await Problem.AssertInvalidAsync(get, "year_out_of_range", "year");
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(2100)]
    public async Task The_first_and_last_campaign_years_are_accepted(int year)
    {
        var code = TestData.FreshCommune();

        await _http.PutPlanAsync(code, year);

        Assert.Equal(year, (int)(await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(code, year)))["year"]!);
    }

    [Fact]
    public async Task A_plan_for_an_unknown_unit_is_a_404_problem()
    {
        var put = await _http.PutAsJsonAsync(TestData.PlanUrl("99999", Year), TestData.Plan(Year));

        await Problem.AssertAsync(put, HttpStatusCode.NotFound, "unit_not_found");
        await Problem.AssertAsync(await _http.GetAsync("/api/units/99999"), HttpStatusCode.NotFound, "unit_not_found");
    }

    [Fact]
    public async Task A_plan_for_a_malformed_code_is_a_400_problem()
    {
        var put = await _http.PutAsJsonAsync(TestData.PlanUrl("VN-", Year), TestData.Plan(Year));

        await Problem.AssertAsync(put, HttpStatusCode.BadRequest, "malformed_unit_code");
    }

    [Fact]
    public async Task A_department_of_a_province_can_have_a_plan()
    {
        const string department = "01-SNV";

        await _http.PutPlanAsync(department, 2003);

        Assert.Equal(department, (string)(await _http.GetOkAsync<JsonObject>(TestData.PlanUrl(department, 2003)))["unitCode"]!);
    }
}
