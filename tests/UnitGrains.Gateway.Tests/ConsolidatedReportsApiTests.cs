using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// <c>GET /api/units/{code}/reports/{period}/consolidated</c> on province 08 (Tuyên Quang), which
/// only these tests write to in 2025 (its first half-year, the third quarter): the province's own work, one commune reporting on time, one
/// late, one not at all, and over a hundred without a plan — as JSON, CSV and a printable HTML document.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConsolidatedReportsApiTests(GatewayFactory factory) : IAsyncLifetime
{
    private const int Year = 2025;
    private const string Province = "08";
    private const string OnTime = "00691";
    private const string Late = "00694";
    private const string Silent = "00700";

    /// <summary>Reports on time; Sở Nội vụ has not reviewed it yet, so its outputs are shown apart, not counted.</summary>
    private static readonly string Unreviewed = TestData.Units.First(u => u.ParentCode == Province && u.Kind != "department" && u.Code is not (OnTime or Late or Silent or "00706")).Code;
    private const string Url = "/api/units/08/reports/2025-Q3/consolidated";

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _seeded;

    private readonly HttpClient _http = factory.CreateClient();

    /// <summary>Writes the year once for the class (xunit makes a new instance per test).</summary>
    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }

            await _http.PutPlanAsync(Province, Year);
            await _http.AddTaskAsync(Province, Year, TestData.Task("tinh-1", dueDate: "2025-09-30", target: 20));
            await _http.AddTaskAsync(Province, Year, TestData.Task("tinh-2", dueDate: "2025-09-15", title: "Hội nghị <script>alert(1)</script> & đối thoại"));
            await CompleteAsync(Province, "tinh-1", 9, "2025-08-10");
            foreach (var commune in new[] { OnTime, Late, Silent, Unreviewed })
            {
                await _http.PutPlanAsync(commune, Year);
            }

            await SubmitAsync(OnTime, "2025-09-04", new JsonObject { ["press"] = 4, ["webPortal"] = 2 });
            await SubmitAsync(Late, "2025-09-30", new JsonObject { ["webPortal"] = 5 });
            await SubmitAsync(Unreviewed, "2025-09-10", new JsonObject { ["press"] = 3 });
            // The province's reports are consolidated from what its Sở Nội vụ accepted.
            foreach (var commune in new[] { OnTime, Late })
            {
                var accepted = await _http.PostAsJsonAsync($"/api/units/08-SNV/inbox/{Year}/{commune}/2025-Q3/accept", new { });
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            }
            _seeded = true;
        }
        finally
        {
            Once.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task CompleteAsync(string code, string taskId, decimal articles, string on)
    {
        var response = await _http.PostAsJsonAsync($"{TestData.TasksUrl(code, Year)}/{taskId}/complete", new { outputs = new { articles }, completedOn = on });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task SubmitAsync(string code, string on, JsonObject outputs)
    {
        var response = await _http.PostAsJsonAsync(TestData.ReportsUrl(code, Year), new JsonObject { ["period"] = "2025-Q3", ["submittedOn"] = on, ["outputsByChannel"] = outputs });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task The_json_report_adds_up_own_work_and_childrens_reports()
    {
        var report = await _http.GetOkAsync<JsonObject>(Url);

        Assert.Equal("08", (string)report["unit"]!["code"]!);
        Assert.Equal("2025-Q3", (string)report["period"]!);
        Assert.Equal(("2025-07-01", "2025-09-30"), ((string)report["from"]!, (string)report["to"]!));
        var outputs = report["outputs"]!.AsArray().ToDictionary(o => (string)o!["channel"]!, o => ((decimal)o!["own"]!, (decimal)o["children"]!, (decimal)o["total"]!));
        Assert.Equal((0m, 4m, 4m), outputs["press"]);
        Assert.Equal((9m, 7m, 16m), outputs["webPortal"]);
        Assert.Equal(3m, (decimal)report["outputs"]!.AsArray().Single(o => (string)o!["channel"]! == "press")!["unreviewed"]!);
        Assert.Equal(["tinh-1"], report["tasksDone"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Equal(["tinh-2"], report["tasksPending"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Equal("missing", (string)report["ownReport"]!);
    }

    [Fact]
    public async Task Children_that_reported_late_or_not_at_all_are_named()
    {
        var report = await _http.GetOkAsync<JsonObject>(Url);

        var children = report["children"]!.AsArray().ToDictionary(c => (string)c!["unit"]!["code"]!);
        Assert.Equal("onTime", (string)children[OnTime]!["status"]!);
        Assert.Equal("late", (string)children[Late]!["status"]!);
        Assert.Equal(15, (int)children[Late]!["daysLate"]!);
        Assert.Equal("missing", (string)children[Silent]!["status"]!);
        Assert.Equal("noPlan", (string)children["00706"]!["status"]!);
        Assert.Contains("08-SNV", children.Keys);
        var lateOrMissing = report["lateOrMissing"]!.AsArray().Select(c => (string)c!["unit"]!["code"]!).ToList();
        Assert.Equal([Late, Silent], lateOrMissing.Take(2));
        Assert.DoesNotContain(OnTime, lateOrMissing);
        var summary = report["reporting"]!;
        Assert.Equal(children.Count, (int)summary["children"]!);
        Assert.Equal((2, 1, 1), ((int)summary["onTime"]!, (int)summary["late"]!, (int)summary["missing"]!));
        Assert.Equal((2, 0), ((int)summary["accepted"]!, (int)summary["returned"]!));
        Assert.Equal(("accepted", null), ((string?)children[OnTime]!["review"], (string?)children[Unreviewed]!["review"]));
        Assert.Equal(children.Count - 4, (int)summary["noPlan"]!);
        // Last year is scored live: the report carries its scores.
        Assert.NotNull(report["subtreeScores"]);
    }

    [Fact]
    public async Task Scores_of_a_scored_year_are_the_live_ones()
    {
        var year = TestData.VietnamToday.Year;
        var scores = await _http.GetOkAsync<JsonObject>($"/api/units/08/scores?year={year}");

        var report = await _http.GetOkAsync<JsonObject>($"/api/units/08/reports/{year}/consolidated");

        JsonAssert.Equal(scores["subtree"]!["counts"]!, report["subtreeScores"]!["counts"]!);
        Assert.Equal((double?)scores["own"]!["score"], (double?)report["ownScores"]!["score"]);
    }

    [Fact]
    public async Task The_csv_holds_the_same_tables()
    {
        var response = await _http.GetAsync(Url + "?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bao-cao-tong-hop-08-2025-Q3.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Contains("Hình thức,Mã,Của đơn vị,Của đơn vị trực thuộc,Tổng,Chờ duyệt", lines);
        Assert.Contains("Cổng/Trang thông tin điện tử,webPortal,9,7,16,0", lines);
        Assert.Contains("Báo chí,press,0,4,4,3", lines);
        Assert.Contains(lines, l => l.StartsWith($"{Late},Phường Hà Giang 1,Trễ hạn,2025-09-15,2025-09-30,15,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tinh-2,\"Hội nghị <script>alert(1)</script> & đối thoại\"", StringComparison.Ordinal) || l.StartsWith("tinh-2,Hội nghị <script>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_html_is_a_printable_document_with_vietnamese_headings_and_escaped_text()
    {
        var response = await _http.GetAsync(Url + "?format=html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        foreach (var heading in new[] { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO TỔNG HỢP", "quý III năm 2025", "I. KẾT QUẢ THỰC HIỆN", "II. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC", "III. CHỈ SỐ ĐÁNH GIÁ", "Phường Hà Giang 1", "Trễ hạn", "@page" })
        {
            Assert.Contains(heading, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; đối thoại", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/units/08/reports/2025-Q5/consolidated", HttpStatusCode.BadRequest, "malformed_period")]
    [InlineData("/api/units/08/reports/2025-A1/consolidated", HttpStatusCode.BadRequest, "malformed_period")]
    [InlineData("/api/units/08/reports/1999-Q1/consolidated", HttpStatusCode.BadRequest, "year_out_of_range")]
    [InlineData("/api/units/08/reports/2025-Q3/consolidated?format=pdf", HttpStatusCode.BadRequest, "unknown_format")]
    [InlineData("/api/units/99998/reports/2025-Q3/consolidated", HttpStatusCode.NotFound, "unit_not_found")]
    [InlineData("/api/units/8/reports/2025-Q3/consolidated", HttpStatusCode.BadRequest, "malformed_unit_code")]
    public async Task Bad_requests_are_problems(string url, HttpStatusCode status, string code) =>
        await Problem.AssertAsync(await _http.GetAsync(url), status, code);

    [Fact]
    public async Task A_year_and_a_half_are_consolidated_too()
    {
        var year = await _http.GetOkAsync<JsonObject>("/api/units/08/reports/2025/consolidated");
        var half = await _http.GetOkAsync<JsonObject>("/api/units/08/reports/2025-H1/consolidated");

        Assert.Equal("2025", (string)year["period"]!);
        Assert.Equal("2025-12-31", (string)year["to"]!);
        Assert.Equal("2025-06-30", (string)half["to"]!);
        Assert.Equal("notRequired", (string)half["children"]!.AsArray().Single(c => (string)c!["unit"]!["code"]! == OnTime)!["status"]!);
    }

    [Fact]
    public async Task The_province_reads_it_and_its_communes_may_not()
    {
        using var anonymous = factory.CreateAnonymousClient();
        async Task<HttpStatusCode> AsAsync(string unit, UnitRole role)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token(unit, role));
            return (await anonymous.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await AsAsync(Province, UnitRole.Officer));
        Assert.Equal(HttpStatusCode.OK, await AsAsync("08-SNV", UnitRole.Consolidator));
        Assert.Equal(HttpStatusCode.Forbidden, await AsAsync(OnTime, UnitRole.Officer));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Url)).StatusCode);
    }
}
