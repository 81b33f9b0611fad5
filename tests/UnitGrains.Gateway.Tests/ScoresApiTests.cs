using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// The score endpoints through the real HTTP pipeline, against the live rollup of the embedded
/// silo. Writes happen at communes of Lạng Sơn (20) no other test uses, in campaign year 2026 (the
/// current year on the real clock, so the default scored years include it).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ScoresApiTests(GatewayFactory factory)
{
    private const int Year = 2026;
    private static readonly string[] SideFields = ["planIssued", "taskCompletion", "taskTimeliness", "reportingRate", "reportingTimeliness", "outputAchievement", "openEscalations", "score", "counts"];

    private readonly HttpClient _http = factory.CreateClient();

    private async Task<JsonObject> GetObjectAsync(string url)
    {
        var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<int> NationTasksDoneAsync() => (int)(await GetObjectAsync("/api/units/VN/scores"))["subtree"]!["counts"]!["tasksDone"]!;

    private async Task<string> CommuneOfProvinceAsync(string province, int index)
    {
        var children = await GetObjectAsync($"/api/units/{province}/children?limit=1000");
        return children["items"]!.AsArray().Where(c => (string)c!["kind"]! == "commune").Select(c => (string)c!["code"]!).ElementAt(index);
    }

    private async Task PlanWithOverdueTaskAsync(string commune, string taskId)
    {
        var plan = new { title = "Kế hoạch CCHC 2026", period = new { from = "2026-01-01", to = "2026-12-31" }, issuedOn = "2026-01-05" };
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/units/{commune}/plans/{Year}", plan)).StatusCode);
        var task = new { id = taskId, title = "Đối thoại với người dân về thủ tục hành chính", lead = new { name = "Chủ tịch UBND xã" }, dueDate = "2026-02-01", outputs = new[] { new { metric = "dialogues", target = 2 } } };
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync($"/api/units/{commune}/plans/{Year}/tasks", task)).StatusCode);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Scores_have_the_documented_shape_on_both_sides()
    {
        var scores = await GetObjectAsync("/api/units/VN/scores");

        Assert.Equal("VN", (string)scores["code"]!);
        Assert.Equal(Year, (int)scores["year"]!);
        Assert.True((long)scores["version"]! > 0);
        Assert.True(DateTimeOffset.TryParse((string)scores["computedAt"]!, out _));
        foreach (var side in new[] { "own", "subtree" })
        {
            var indicators = scores[side]!.AsObject();
            Assert.All(SideFields, f => Assert.True(indicators.ContainsKey(f), $"{side}.{f} is missing"));
            Assert.True(indicators["counts"]!.AsObject().ContainsKey("plansExpected"));
        }

        // 34 provinces, 3,321 communes and 34 × 7 provincial departments owe a plan in 2026.
        Assert.Equal(34 + 3321 + (34 * 7), (int)scores["subtree"]!["counts"]!["plansExpected"]!);
    }

    [Fact]
    public async Task A_task_completed_at_a_commune_changes_the_nation_score_without_polling_for_it()
    {
        var commune = await CommuneOfProvinceAsync("20", 0);
        await PlanWithOverdueTaskAsync(commune, "dialogue");
        await EventuallyAsync(async () => (await GetObjectAsync("/api/units/20/escalations?limit=1000&scope=subtree&year=2026"))["items"]!.AsArray().Any(e => (string)e!["originCode"]! == commune && (string)e["item"]! == "task:dialogue"), "the overdue task is escalated up to the province");
        var before = await NationTasksDoneAsync();

        var completed = await _http.PostAsJsonAsync($"/api/units/{commune}/plans/{Year}/tasks/dialogue/complete", new { outputs = new { dialogues = 2 } });

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        // At least +1: completions of earlier tests in other provinces may still be on their way up.
        await EventuallyAsync(async () => await NationTasksDoneAsync() >= before + 1, "the nation counts the completed task");
        await EventuallyAsync(async () => !(await GetObjectAsync("/api/units/20/escalations?limit=1000&scope=subtree&year=2026"))["items"]!.AsArray().Any(e => (string)e!["originCode"]! == commune && (string)e["item"]! == "task:dialogue"), "the escalation is resolved at the province");
        var escalations = await GetObjectAsync("/api/units/20/escalations?limit=1000");
        Assert.Equal(Math.Min(1000, (int)escalations["total"]!), escalations["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Children_are_ranked_by_score_and_can_be_sorted_otherwise()
    {
        var commune = await CommuneOfProvinceAsync("20", 1);
        await PlanWithOverdueTaskAsync(commune, "ranked");
        await _http.PostAsJsonAsync($"/api/units/{commune}/plans/{Year}/tasks/ranked/complete", new { outputs = new { dialogues = 1 } });
        await EventuallyAsync(async () => (await _http.GetFromJsonAsync<JsonArray>("/api/units/VN/children/scores"))!.Any(c => (string)c!["unit"]!["code"]! == "20" && c["subtree"]!["score"] is not null), "Lạng Sơn has a score");

        var ranked = (await _http.GetFromJsonAsync<JsonArray>("/api/units/VN/children/scores?sort=score"))!;
        var byName = (await _http.GetFromJsonAsync<JsonArray>("/api/units/VN/children/scores?sort=name"))!;

        Assert.Equal(34, ranked.Count);
        var ranks = ranked.Select(c => (int)c!["rank"]!).ToList();
        Assert.Equal(1, ranks[0]);
        Assert.Equal(ranks.Order(), ranks);
        var scores = ranked.Select(c => (double?)c!["subtree"]!["score"]).ToList();
        Assert.Equal(scores.Where(s => s is not null).OrderDescending(), scores.Where(s => s is not null));
        Assert.Equal(34, byName.Count);
        Assert.NotEqual(ranked.Select(c => (string)c!["unit"]!["code"]!), byName.Select(c => (string)c!["unit"]!["code"]!));
    }

    [Fact]
    public async Task History_holds_today_and_recent_changes()
    {
        var commune = await CommuneOfProvinceAsync("20", 2);
        await PlanWithOverdueTaskAsync(commune, "history");

        await EventuallyAsync(async () =>
        {
            var history = await GetObjectAsync($"/api/units/{commune}/scores/history");
            return history["daily"]!.AsArray().Count >= 1 && history["recent"]!.AsArray().Count >= 1;
        }, "the commune has history points");
    }

    [Theory]
    [InlineData("/api/units/99999/scores", HttpStatusCode.NotFound, "unit_not_found")]
    [InlineData("/api/units/VN/scores?year=2020", HttpStatusCode.NotFound, "year_not_scored")]
    [InlineData("/api/units/VN/scores?year=1990", HttpStatusCode.BadRequest, "year_out_of_range")]
    [InlineData("/api/units/VN/scores?year=abc", HttpStatusCode.BadRequest, "malformed_request")]
    [InlineData("/api/units/VN/children/scores?sort=size", HttpStatusCode.BadRequest, "unknown_sort")]
    [InlineData("/api/units/V-N/escalations", HttpStatusCode.BadRequest, "malformed_unit_code")]
    [InlineData("/api/units/VN/escalations?offset=-1", HttpStatusCode.BadRequest, "out_of_range")]
    [InlineData("/api/units/VN/escalations?limit=5000", HttpStatusCode.BadRequest, "out_of_range")]
    public async Task Bad_score_requests_are_problems(string url, HttpStatusCode status, string code)
    {
        var response = await _http.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }
}
