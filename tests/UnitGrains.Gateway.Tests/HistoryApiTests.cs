using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// Every official list in the default run: codes read on a date, lineage across the 2025 reform,
/// past years scored on their own hierarchy or through today's units, the seed plans of 2021–2022
/// on the units they were written for.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HistoryApiTests(GatewayFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    private Task<JsonObject> GetAsync(string url) => _http.GetOkAsync<JsonObject>(url);

    [Theory]
    [InlineData("/api/units/70", "70@2025-06-30", "Tỉnh Bình Phước")]
    [InlineData("/api/units/18175", "18175@2025-06-30", "Xã Sơn Ninh")]
    [InlineData("/api/units/70-BDT", "70-BDT@2025-02-28", "Ban Dân tộc tỉnh Bình Phước")]
    [InlineData("/api/units/52", "52", "Tỉnh Gia Lai")]
    [InlineData("/api/units/52?on=2022-06-01", "52@2025-06-30", "Tỉnh Bình Định")]
    [InlineData("/api/units/52?on=2025-07-01", "52", "Tỉnh Gia Lai")]
    [InlineData("/api/units/52@2025-06-30", "52@2025-06-30", "Tỉnh Bình Định")]
    public async Task A_code_names_the_unit_that_held_it_on_a_date(string url, string key, string name)
    {
        var unit = await GetAsync(url);
        Assert.Equal((key, name), ((string)unit["code"]!, (string)unit["name"]!));
        Assert.Equal(key.Split('@')[0], (string)unit["officialCode"]!);
    }

    [Fact]
    public async Task A_unit_that_ended_says_when_and_into_what()
    {
        var binhPhuoc = await GetAsync("/api/units/70");
        Assert.Equal("2025-06-30", (string)binhPhuoc["validUntil"]!);
        var successor = binhPhuoc["successors"]!.AsArray().Single()!;
        Assert.Equal(("75", "Tỉnh Đồng Nai", "full", true), ((string)successor["code"]!, (string)successor["name"]!, (string)successor["how"]!, (bool)successor["counted"]!));
    }

    [Theory]
    [InlineData("18133", "18175@2025-06-30", "Xã Sơn Ninh")]
    [InlineData("75", "70@2025-06-30", "Tỉnh Bình Phước")]
    [InlineData("75", "75@2025-06-30", "Tỉnh Đồng Nai")]
    [InlineData("52", "52@2025-06-30", "Tỉnh Bình Định")]
    [InlineData("52", "64@2025-06-30", "Tỉnh Gia Lai")]
    public async Task Lineage_gives_the_predecessors_with_dates(string unit, string predecessor, string name)
    {
        var lineage = await GetAsync($"/api/units/{unit}/lineage");
        var link = lineage["predecessors"]!.AsArray().Single(p => (string)p!["code"]! == predecessor)!;
        Assert.Equal((name, "2025-07-01", true), ((string)link["name"]!, (string)link["on"]!, (bool)link["counted"]!));
    }

    [Fact]
    public async Task A_partial_merge_shows_every_side_and_counts_one()
    {
        // Phường Ngọc Hà (00016) was split: part went to Phường Ba Đình (00004), the rest elsewhere.
        var lineage = await GetAsync("/api/units/00016@2025-06-30/lineage");
        var successors = lineage["successors"]!.AsArray();
        Assert.True(successors.Count > 1);
        Assert.All(successors, s => Assert.Equal("partial", (string)s!["how"]!));
        Assert.Single(successors, s => (bool)s!["counted"]!);
        Assert.Equal((string)successors.Single(s => (bool)s!["counted"]!)!["code"]!, (string)lineage["carriedInto"]!["code"]!);
    }

    [Fact]
    public async Task Dong_Nai_2022_through_todays_units_holds_Binh_Phuocs_plan()
    {
        var binhPhuoc = await GetAsync("/api/units/70/scores?year=2022");
        var ethnicCommittee = await GetAsync("/api/units/70-BDT/scores?year=2022");
        var dongNai = await GetAsync("/api/units/75/scores?year=2022&through=current");
        var due = (int)binhPhuoc["subtree"]!["counts"]!["tasksDue"]!;
        Assert.Equal(14 + 6, due);
        Assert.True((int)ethnicCommittee["own"]!["counts"]!["tasksDue"]! == 6);
        Assert.True((int)dongNai["subtree"]!["counts"]!["tasksDue"]! >= due);
        Assert.Contains("70@2025-06-30", dongNai["carried"]!.Strings());

        // Next to 2025, on the hierarchy of 2025.
        var now = await GetAsync("/api/units/75/scores?year=2025");
        Assert.Equal(2025, (int)now["year"]!);

        // The communes of today, each with what their predecessors did in 2022.
        var ranking = await _http.GetOkAsync<JsonArray>("/api/units/75/children/scores?year=2022&through=current");
        Assert.All(ranking, c => Assert.Null(c!["unit"]!["validUntil"]));
    }

    [Fact]
    public async Task Son_Ninhs_2022_plan_opens_from_Huong_Sons_lineage()
    {
        var lineage = await GetAsync("/api/units/18133/lineage");
        var sonNinh = (string)lineage["predecessors"]!.AsArray().Single(p => (string)p!["name"]! == "Xã Sơn Ninh")!["code"]!;
        var plan = await GetAsync($"/api/units/{sonNinh}/plans/2022");
        Assert.Equal(15, plan["tasks"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/api/units/75?on=2025-13-01", HttpStatusCode.BadRequest, "malformed_date", "on")]
    [InlineData("/api/units/75?on=yesterday", HttpStatusCode.BadRequest, "malformed_date", "on")]
    [InlineData("/api/units/75/scores?year=2022&through=sideways", HttpStatusCode.BadRequest, "unknown_view", "through")]
    [InlineData("/api/units/70/scores?year=2022&through=current", HttpStatusCode.BadRequest, "unit_ended", "through")]
    [InlineData("/api/units/70@2025-02-30", HttpStatusCode.BadRequest, "malformed_unit_code", "code")]
    public async Task Bad_input_is_a_clear_400_naming_the_field(string url, HttpStatusCode status, string code, string field)
    {
        var response = await _http.GetAsync(url);
        var problem = await Problem.AssertAsync(response, status, code);
        Assert.Equal(field, problem.GetProperty("problems")[0].GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("/api/units/70?on=2025-07-01", "unit_not_in_force")]
    [InlineData("/api/units/75/scores?year=2022", "unit_not_in_force")]
    [InlineData("/api/units/99999/lineage", "unit_not_found")]
    [InlineData("/api/units/75/scores?year=2019", "year_not_scored")]
    public async Task What_does_not_exist_is_a_404_that_says_why(string url, string code)
    {
        await Problem.AssertAsync(await _http.GetAsync(url), HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task Todays_officials_read_their_predecessors_and_no_others()
    {
        var http = factory.CreateAnonymousClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token("75", UnitRole.Viewer));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/units/70/plans/2022")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/units/70-BDT/plans/2022")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/units/52@2025-06-30")).StatusCode);
    }

    [Theory]
    [InlineData("commune")]
    [InlineData("department")]
    public async Task A_ranking_compares_like_with_like(string kind)
    {
        var all = await _http.GetOkAsync<JsonArray>("/api/units/75/children/scores");
        Assert.Contains(all, c => (string)c!["unit"]!["kind"]! == "commune");
        Assert.Contains(all, c => (string)c!["unit"]!["kind"]! == "department");
        // Each kind is ranked from 1 among its own.
        Assert.All(all.GroupBy(c => (string)c!["unit"]!["kind"]!), kindOf => Assert.Equal(1, kindOf.Min(c => (int)c!["rank"]!)));

        var only = await _http.GetOkAsync<JsonArray>($"/api/units/75/children/scores?kind={kind}");
        Assert.NotEmpty(only);
        Assert.All(only, c => Assert.Equal(kind, (string)c!["unit"]!["kind"]!));
        Assert.Equal(1, only.Min(c => (int)c!["rank"]!));
    }

    [Theory]
    [InlineData("nation")]
    [InlineData("99")]
    [InlineData("ward")]
    public async Task A_kind_no_ranking_holds_is_a_400_naming_kind(string kind)
    {
        var response = await _http.GetAsync($"/api/units/75/children/scores?kind={kind}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kind", (await Problem.FieldErrorsAsync(response)).Keys);
    }
}
