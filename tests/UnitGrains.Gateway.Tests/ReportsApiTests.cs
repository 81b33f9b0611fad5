using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// <c>/api/units/{code}/plans/{year}/reports</c>: a report is filed once per period the plan
/// requires, carries a snapshot of the campaign, and the list shows the reports the plan expects
/// with their status. Plans here ask for quarterly reports by the 5th of each quarter's last month.
/// Each test has its own commune.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReportsApiTests(GatewayFactory factory)
{
    /// <summary>A past year the fresh communes of the July 2025 list owe reports in: from their first day, the third quarter on.</summary>
    private const int Year = 2025;

    private readonly HttpClient _http = factory.CreateClient();

    private static string Today => TestData.Iso(TestData.VietnamToday);

    private async Task<string> PlannedCommuneAsync(int year = Year)
    {
        var code = TestData.FreshCommune();
        await _http.PutPlanAsync(code, year);
        return code;
    }

    private async Task CompleteAsync(string code, string taskId, decimal articles, string completedOn)
    {
        var response = await _http.PostAsJsonAsync($"{TestData.TasksUrl(code, Year)}/{taskId}/complete", new { outputs = new { articles }, completedOn });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_quarterly_report_is_created_with_a_snapshot_of_the_campaign()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("xong-q1", dueDate: "2025-09-01"));
        await _http.AddTaskAsync(code, Year, TestData.Task("mo-q1", dueDate: "2025-09-30"));
        await _http.AddTaskAsync(code, Year, TestData.Task("tre", dueDate: "2025-09-10"));
        await _http.AddTaskAsync(code, Year, TestData.Task("q3", dueDate: "2025-12-30"));
        await CompleteAsync(code, "xong-q1", 4, "2025-08-20");
        await CompleteAsync(code, "tre", 7, "2025-10-10");

        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new
        {
            period = "2025-Q3",
            submittedOn = "2025-09-04",
            summary = "Đã đăng 4 tin bài về CCHC",
            difficulties = "Thiếu kinh phí",
            proposals = "Đề nghị hỗ trợ loa truyền thanh",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/units/{code}/plans/{Year}/reports/2025-Q3", response.Headers.Location?.ToString());
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("2025-Q3", (string)report["period"]!);
        Assert.Equal("2025-09-15", (string)report["deadline"]!);
        Assert.Equal("2025-09-04", (string)report["submittedOn"]!);
        Assert.Equal(["xong-q1"], report["tasksDone"].Strings());
        Assert.Equal(["mo-q1"], report["tasksPending"].Strings());
        Assert.Equal(["webPortal"], report["outputsByChannel"]!.AsObject().Select(p => p.Key));
        Assert.Equal(4m, (decimal)report["outputsByChannel"]!["webPortal"]!);
        Assert.Equal("Đã đăng 4 tin bài về CCHC", (string)report["summary"]!);
        Assert.Equal("Thiếu kinh phí", (string)report["difficulties"]!);
        Assert.Equal("Đề nghị hỗ trợ loa truyền thanh", (string)report["proposals"]!);
        Assert.Equal("Sở Nội vụ", (string)report["submittedTo"]!["name"]!);
        Assert.EndsWith("-SNV", (string)report["submittedTo"]!["code"]!);
        JsonAssert.Equal(report, await _http.GetOkAsync<JsonObject>(response.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task A_report_stays_what_was_filed_as_work_goes_on()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("dang-do", dueDate: "2025-09-30"));
        var filed = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q3", submittedOn = "2025-09-04" });
        var before = (await filed.Content.ReadFromJsonAsync<JsonObject>())!;

        await CompleteAsync(code, "dang-do", 12, "2025-09-20");
        var after = await _http.GetOkAsync<JsonObject>($"{TestData.ReportsUrl(code, Year)}/2025-Q3");

        Assert.Equal(["dang-do"], before["tasksPending"].Strings());
        JsonAssert.Equal(before, after);
    }

    [Fact]
    public async Task A_period_reported_twice_is_a_409_and_the_first_report_stays()
    {
        var code = await PlannedCommuneAsync();
        var first = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q3", submittedOn = "2025-09-04", summary = "Lần đầu" });

        var again = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q3", summary = "Lần hai" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "already_submitted");
        var listed = await _http.GetOkAsync<JsonObject>(TestData.ReportsUrl(code, Year));
        var report = Assert.Single(listed["reports"]!.AsArray());
        Assert.Equal("Lần đầu", (string)report!["summary"]!);
    }

    [Theory]
    [InlineData("2025-H1")]
    [InlineData("2025-Q2")]
    public async Task A_period_before_the_unit_existed_is_a_400(string period)
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period });

        var problem = await Problem.AssertInvalidAsync(response, "outside_plan_period", "period");
        Assert.Contains(period, problem.GetProperty("detail").GetString());
        Assert.Empty((await _http.GetOkAsync<JsonObject>(TestData.ReportsUrl(code, Year)))["reports"]!.AsArray());
    }

    [Theory]
    [InlineData("Q1-2024")]
    [InlineData("2024-Q5")]
    [InlineData("2024-Q0")]
    [InlineData("2024-H2")]
    [InlineData("2024-q1")]
    [InlineData("2024-Q1 ")]
    [InlineData("24-Q1")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_malformed_period_is_a_400(string? period)
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period });

        await Problem.AssertInvalidAsync(response, "malformed_period", "period");
        Assert.Empty((await _http.GetOkAsync<JsonObject>(TestData.ReportsUrl(code, Year)))["reports"]!.AsArray());
    }

    [Fact]
    public async Task A_period_outside_the_plan_is_a_400()
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2023-Q4" });

        await Problem.AssertInvalidAsync(response, "outside_plan_period", "period");
    }

    [Fact]
    public async Task A_report_dated_tomorrow_in_Vietnam_is_a_400()
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q3", submittedOn = TestData.Iso(TestData.VietnamToday.AddDays(1)) });

        await Problem.AssertInvalidAsync(response, "in_future", "submittedOn");
    }

    [Fact]
    public async Task A_report_dated_before_its_period_is_a_400()
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q4", submittedOn = "2025-09-30" });

        await Problem.AssertInvalidAsync(response, "before_period", "submittedOn");
    }

    [Fact]
    public async Task A_negative_output_is_a_400_keyed_by_the_channel_as_the_client_wrote_it()
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q3", outputsByChannel = new { webPortal = -2 } });

        await Problem.AssertInvalidAsync(response, "negative", "outputsByChannel.webPortal");
    }

    [Fact]
    public async Task Outputs_given_by_the_unit_are_kept_as_given()
    {
        var code = await PlannedCommuneAsync();
        await _http.AddTaskAsync(code, Year, TestData.Task("co-dau-ra", dueDate: "2025-09-01"));
        await CompleteAsync(code, "co-dau-ra", 4, "2025-08-20");

        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q3", outputsByChannel = new { loudspeakers = 30, socialNetworks = 2.5 } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var outputs = (await response.Content.ReadFromJsonAsync<JsonObject>())!["outputsByChannel"]!.AsObject();
        Assert.Equal(["loudspeakers", "socialNetworks"], outputs.Select(p => p.Key).Order());
        Assert.Equal(30m, (decimal)outputs["loudspeakers"]!);
        Assert.Equal(2.5m, (decimal)outputs["socialNetworks"]!);
    }

    [Fact]
    public async Task An_ad_hoc_report_needs_no_requirement()
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-A1", submittedOn = "2025-11-02", summary = "Báo cáo đột xuất" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("2025-A1", (string)report["period"]!);
        Assert.Null(report["deadline"]);
        var listed = await _http.GetOkAsync<JsonObject>(TestData.ReportsUrl(code, Year));
        Assert.Equal(["2025-A1"], listed["reports"]!.AsArray().Select(r => (string)r!["period"]!));
        Assert.DoesNotContain(listed["expectedReports"]!.AsArray(), r => (string)r!["period"]! == "2025-A1");
    }

    [Fact]
    public async Task The_list_shows_reports_and_each_expected_report_with_its_status()
    {
        var code = await PlannedCommuneAsync();
        await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q3", submittedOn = "2025-09-04" });
        await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q4" });

        var listed = await _http.GetOkAsync<JsonObject>(TestData.ReportsUrl(code, Year));

        Assert.Equal(["reports", "expectedReports"], listed.Select(p => p.Key));
        Assert.Equal(["2025-Q3", "2025-Q4"], listed["reports"]!.AsArray().Select(r => (string)r!["period"]!));
        var expected = listed["expectedReports"]!.AsArray();
        // A commune of the July 2025 list owes the national regime from its first day: no first half.
        Assert.Equal(["2025-Q3", "2025-Q4", "2025-Y"], expected.Select(r => (string)r!["period"]!));
        Assert.Equal(["2025-09-15", "2025-12-15", "2025-12-15"], expected.Select(r => (string)r!["deadline"]!));
        Assert.Equal(["submittedOnTime", "submittedLate", "missing"], expected.Select(r => (string)r!["status"]!));
        Assert.Equal(["2025-09-04", Today, null], expected.Select(r => (string?)r!["submittedOn"]));
    }

    [Fact]
    public async Task Reports_of_a_future_campaign_are_due_and_cannot_be_filed_yet()
    {
        var year = TestData.VietnamToday.Year + 3;
        var code = await PlannedCommuneAsync(year);

        var listed = await _http.GetOkAsync<JsonObject>(TestData.ReportsUrl(code, year));
        var early = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, year), new { period = $"{year}-Q1" });

        Assert.Empty(listed["reports"]!.AsArray());
        Assert.Equal(6, listed["expectedReports"]!.AsArray().Count);
        Assert.All(listed["expectedReports"]!.AsArray(), r => Assert.Equal("due", (string)r!["status"]!));
        await Problem.AssertInvalidAsync(early, "before_period", "submittedOn");
    }

    [Fact]
    public async Task A_unit_without_a_plan_still_owes_and_files_its_reports()
    {
        var code = TestData.FreshCommune();

        var post = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Q3", submittedOn = "2025-09-10" });
        var list = await _http.GetOkAsync<JsonObject>(TestData.ReportsUrl(code, Year));

        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal(3, list["expectedReports"]!.AsArray().Count);
        Assert.Equal("submittedOnTime", (string)list["expectedReports"]![0]!["status"]!);
    }

    [Fact]
    public async Task A_report_not_filed_is_a_404()
    {
        var code = await PlannedCommuneAsync();

        var response = await _http.GetAsync($"{TestData.ReportsUrl(code, Year)}/2025-Q4");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "report_not_found");
    }

    [Fact]
    public async Task Ten_parallel_submissions_of_one_period_file_it_once()
    {
        var code = await PlannedCommuneAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new { period = "2025-Y", summary = $"Bản {i}" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Single((await _http.GetOkAsync<JsonObject>(TestData.ReportsUrl(code, Year)))["reports"]!.AsArray());
    }
}
