using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The cascade through the API on Cần Thơ (92), which only these tests write to in 2026: the
/// province's plan obliges every commune, Sở Nội vụ works its inbox, the nation acknowledges what
/// reached it — with the authorization of offices and bad input refused, nothing stored.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CascadeApiTests(GatewayFactory factory) : IAsyncLifetime
{
    private const int Year = 2026;
    private const string Province = "92";
    private const string Office = "92-SNV";

    private static readonly string[] Communes = [.. TestData.Units.Where(u => u.ParentCode == Province).Select(u => u.Code)];
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _planned;

    private readonly HttpClient _http = factory.CreateClient();

    private static string OnTime => Communes[0];

    private static string Late => Communes[1];

    private static string Idle => Communes[2];

    private static JsonObject ProvincePlan() => new()
    {
        ["title"] = "Kế hoạch thông tin, tuyên truyền CCHC năm 2026",
        ["identifier"] = "30/KH-UBND",
        ["period"] = new JsonObject { ["from"] = "2026-01-01", ["to"] = "2026-12-31" },
        ["issuedOn"] = "2026-01-08",
        ["assignments"] = new JsonArray(new JsonObject
        {
            ["assignee"] = new JsonObject { ["name"] = "UBND các xã, phường" },
            ["covers"] = "communes",
            ["obligation"] = "assigned",
            ["duties"] = new JsonArray("Ban hành kế hoạch thông tin, tuyên truyền CCHC năm 2026"),
            ["planDeadline"] = "2026-02-15",
        }),
        ["reporting"] = new JsonObject
        {
            ["requirements"] = new JsonArray(new JsonObject { ["frequency"] = "quarterly", ["dueDay"] = 10 }),
            ["consolidator"] = new JsonObject { ["name"] = "Sở Nội vụ", ["code"] = Office },
        },
    };

    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_planned)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync(TestData.PlanUrl(Province, Year), ProvincePlan())).StatusCode);
            await EventuallyAsync(async () => (await DutyAsync(Communes[^1]))["duty"]!["obligedBy"] is not null, "the last commune is obliged");
            Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync(TestData.ReportsUrl(OnTime, Year), new { period = "2026-Q1", submittedOn = "2026-03-08" })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync(TestData.ReportsUrl(Late, Year), new { period = "2026-Q1", submittedOn = "2026-03-20" })).StatusCode);
            _planned = true;
        }
        finally
        {
            Once.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<JsonObject> DutyAsync(string commune) => _http.GetOkAsync<JsonObject>($"/api/units/{commune}/duties/{Year}");

    private async Task<JsonObject> InboxLineAsync(string commune, string period = "2026-Q1")
    {
        var inbox = await _http.GetOkAsync<JsonObject>($"/api/units/{Office}/inbox/{Year}");
        var lines = inbox["periods"]!.AsArray().Single(p => (string)p!["period"]! == period)!["lines"]!.AsArray();
        return lines.Single(l => (string)l!["unit"]!["code"]! == commune)!.AsObject();
    }

    private HttpClient As(string unit, UnitRole role)
    {
        var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token(unit, role));
        return client;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task The_provinces_plan_makes_every_commune_owe_a_plan_by_its_date_and_report_to_So_Noi_vu()
    {
        foreach (var commune in Communes)
        {
            var duty = (await DutyAsync(commune))["duty"]!;
            Assert.Equal((Province, "2026-02-15", true, Office), ((string)duty["obligedBy"]!, (string)duty["planBy"]!, (bool)duty["planDateSetByParent"]!, (string)duty["reporting"]!["consolidator"]!["code"]!));
        }

        var idle = await DutyAsync(Idle);
        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], idle["expectedReports"]!.AsArray().Select(r => (string)r!["period"]!));
        Assert.Contains(idle["escalations"]!.AsArray(), e => (string)e!["item"]! == "plan");
        // The office, which the plan does not oblige, reports on the national regime to its own unit.
        Assert.Equal(Province, (string)(await DutyAsync(Office))["duty"]!["reporting"]!["consolidator"]!["code"]!);
    }

    [Fact]
    public async Task So_Noi_vu_sees_which_communes_reported_on_time_late_or_not_at_all()
    {
        var inbox = await As(Office, UnitRole.Viewer).GetOkAsync<JsonObject>($"/api/units/{Office}/inbox/{Year}");

        var q1 = inbox["periods"]!.AsArray().Single(p => (string)p!["period"]! == "2026-Q1")!;
        // Every commune, and the province's departments, which report to Sở Nội vụ on the national regime.
        Assert.Equal("2026-03-10", (string)q1["deadline"]!);
        Assert.Equal(Communes.Length, q1["lines"]!.AsArray().Count(l => Communes.Contains((string)l!["unit"]!["code"]!)));
        Assert.Contains(q1["lines"]!.AsArray(), l => (string)l!["unit"]!["code"]! == "92-STC");
        Assert.True((int)q1["onTime"]! >= 1 && (int)q1["late"]! >= 1);
        Assert.Equal((int)q1["units"]!, (int)q1["onTime"]! + (int)q1["late"]! + (int)q1["missing"]! + (int)q1["notYetDue"]!);
        Assert.Equal("submittedOnTime", (string)(await InboxLineAsync(OnTime))["status"]!);
        Assert.Equal("submittedLate", (string)(await InboxLineAsync(Late))["status"]!);
        Assert.Equal("missing", (string)(await InboxLineAsync(Idle))["status"]!);
        await Problem.AssertAsync(await As(Idle, UnitRole.Officer).GetAsync($"/api/units/{Office}/inbox/{Year}"), HttpStatusCode.Forbidden, "out_of_scope");
    }

    [Fact]
    public async Task The_office_returns_a_report_with_a_comment_and_accepts_it_resubmitted_and_nobody_else_may()
    {
        var commune = Communes[3];
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync(TestData.ReportsUrl(commune, Year), new { period = "2026-Q2", submittedOn = "2026-06-09" })).StatusCode);
        var url = $"/api/units/{Office}/inbox/{Year}/{commune}/2026-Q2";
        var office = As(Office, UnitRole.Officer);

        await Problem.AssertInvalidAsync(await office.PostAsJsonAsync($"{url}/return", new { }), "required", "comment");
        await Problem.AssertAsync(await As(commune, UnitRole.Officer).PostAsJsonAsync($"{url}/accept", new { }), HttpStatusCode.Forbidden, "out_of_scope");
        await Problem.AssertAsync(await office.PostAsJsonAsync($"/api/units/{Office}/inbox/{Year}/{TestData.FreshCommune()}/2026-Q2/accept", new { }), HttpStatusCode.Conflict, "not_the_office");
        await Problem.AssertInvalidAsync(await office.PostAsJsonAsync($"/api/units/{Office}/inbox/{Year}/{commune}/2026-Q9/accept", new { }), "malformed_period", "period");
        Assert.Null((await InboxLineAsync(commune, "2026-Q2"))["review"]);

        var returned = await office.PostAsJsonAsync($"{url}/return", new { comment = "Bổ sung số liệu tin bài" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var line = await InboxLineAsync(commune, "2026-Q2");
        Assert.Equal(("returned", "Bổ sung số liệu tin bài", "missing"), ((string)line["review"]!["decision"]!, (string)line["review"]!["comment"]!, (string)line["status"]!));

        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync(TestData.ReportsUrl(commune, Year), new { period = "2026-Q2", summary = "Đã bổ sung" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsJsonAsync($"{url}/accept", new { })).StatusCode);
        line = await InboxLineAsync(commune, "2026-Q2");
        Assert.Equal(("accepted", "submittedLate"), ((string)line["review"]!["decision"]!, (string)line["status"]!));
        await Problem.AssertAsync(await office.PostAsJsonAsync($"{url}/return", new { comment = "Lần nữa" }), HttpStatusCode.Conflict, "already_reviewed");
    }

    [Fact]
    public async Task The_nation_acknowledges_an_idle_communes_plan_once_it_has_risen_to_it()
    {
        var url = $"/api/units/VN/escalations/{Idle}/{Year}/plan/acknowledge";

        await Problem.AssertAsync(await As(Idle, UnitRole.Officer).PostAsJsonAsync(url, new { comment = "x" }), HttpStatusCode.Forbidden, "out_of_scope");
        await Problem.AssertAsync(await _http.PostAsJsonAsync($"/api/units/VN/escalations/{Idle}/{Year}/task:none/acknowledge", new { }), HttpStatusCode.NotFound, "escalation_not_found");
        var acknowledged = await As("VN", UnitRole.Officer).PostAsJsonAsync(url, new { comment = "Đã đôn đốc Cần Thơ" });

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        await EventuallyAsync(
            async () => (await _http.GetOkAsync<JsonObject>($"/api/units/VN/escalations?year={Year}&status=acknowledged&limit=1000"))["items"]!.AsArray()
                .Any(e => (string)e!["originCode"]! == Idle && (string)e["acknowledged"]!["comment"]! == "Đã đôn đốc Cần Thơ"),
            "the nation lists the acknowledgement");
        var open = await _http.GetOkAsync<JsonObject>($"/api/units/VN/escalations?year={Year}&status=open&limit=1000");
        Assert.DoesNotContain(open["items"]!.AsArray(), e => (string)e!["originCode"]! == Idle && (string)e["item"]! == "plan");
    }

    [Theory]
    [InlineData("level=0", "level")]
    [InlineData("status=closed", "status")]
    [InlineData("scope=everything", "scope")]
    [InlineData("year=1999", "year")]
    public async Task A_bad_escalation_filter_is_a_400_naming_it(string query, string field)
    {
        var response = await _http.GetAsync($"/api/units/{Province}/escalations?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await Problem.FieldErrorsAsync(response)).Keys);
    }
}
