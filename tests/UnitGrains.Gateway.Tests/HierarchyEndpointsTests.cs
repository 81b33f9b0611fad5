using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>Units and the hierarchy through the real HTTP pipeline (read-only, on the seeded July 2025 list).</summary>
[Collection(GatewayCollection.Name)]
public sealed class HierarchyEndpointsTests(GatewayFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    private async Task<JsonObject> GetAsync(string url)
    {
        var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task The_nation_has_34_provinces_and_no_parent()
    {
        var nation = await GetAsync("/api/units/VN");

        Assert.Equal("VN", (string)nation["code"]!);
        Assert.Equal("nation", (string)nation["kind"]!);
        Assert.True(nation.ContainsKey("parentCode"));
        Assert.Null(nation["parentCode"]);
        Assert.Equal(34, (int)nation["childCount"]!);
        Assert.Empty(nation["ancestors"]!.AsArray());
    }

    [Fact]
    public async Task A_commune_answers_with_its_parent_chain_in_camel_case()
    {
        var response = await _http.GetAsync("/api/units/26278");
        var raw = await response.Content.ReadAsStringAsync();
        var commune = JsonNode.Parse(raw)!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["code", "name", "kind", "officialKind", "parentCode", "childCount", "ancestors", "shortName", "nameEn", "hierarchy"], commune.Select(p => p.Key));
        Assert.Equal("Xã Bình Minh", (string)commune["name"]!);
        Assert.Contains("Xã Bình Minh", raw); // written as UTF-8, not \u-escaped
        Assert.Equal("commune", (string)commune["kind"]!);
        Assert.Equal("75", (string)commune["parentCode"]!);
        Assert.Equal(["VN", "75"], commune["ancestors"]!.AsArray().Select(a => (string)a!["code"]!));
        Assert.Equal("2level-2025-07", (string)commune["hierarchy"]!);
    }

    [Fact]
    public async Task Names_keep_their_diacritics_exactly()
    {
        var province = await GetAsync("/api/units/75");
        var name = (string)province["name"]!;

        Assert.Equal("Tỉnh Đồng Nai", name);
        Assert.Equal(Encoding.UTF8.GetBytes("Tỉnh Đồng Nai".Normalize(NormalizationForm.FormC)), Encoding.UTF8.GetBytes(name));
    }

    [Fact]
    public async Task A_department_has_a_stable_code_derived_from_its_province()
    {
        var department = await GetAsync("/api/units/75-SNV");

        Assert.Equal("department", (string)department["kind"]!);
        Assert.Equal("Sở Nội vụ tỉnh Đồng Nai", (string)department["name"]!);
        Assert.Equal("75", (string)department["parentCode"]!);
    }

    [Fact]
    public async Task Children_are_paged()
    {
        var first = await GetAsync("/api/units/VN/children?limit=10");
        var rest = await GetAsync("/api/units/VN/children?offset=10&limit=100");

        Assert.Equal(34, (int)first["total"]!);
        Assert.Equal(10, first["items"]!.AsArray().Count);
        Assert.Equal(24, rest["items"]!.AsArray().Count);
        var codes = first["items"]!.AsArray().Concat(rest["items"]!.AsArray()).Select(c => (string)c!["code"]!).ToList();
        Assert.Equal(34, codes.Distinct().Count());
        Assert.Equal("01", codes[0]);
    }

    [Fact]
    public async Task Ancestors_run_from_the_nation_down_to_the_parent()
    {
        var response = await _http.GetFromJsonAsync<JsonArray>("/api/units/26278-PVHXH/ancestors");

        Assert.Equal(["VN", "75", "26278"], response!.Select(a => (string)a!["code"]!));
    }

    [Theory]
    [InlineData("/api/units/abc")]
    [InlineData("/api/units/1234")]
    [InlineData("/api/units/vn")]
    [InlineData("/api/units/75-snv/children")]
    [InlineData("/api/units/123456/ancestors")]
    public async Task A_malformed_code_is_a_400_problem(string url)
    {
        var response = await _http.GetAsync(url);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_unit_code");
    }

    [Theory]
    [InlineData("/api/units/99999")]
    [InlineData("/api/units/98/children")]
    [InlineData("/api/units/75-XYZ/ancestors")]
    public async Task An_unknown_unit_is_a_404_problem(string url)
    {
        var response = await _http.GetAsync(url);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "unit_not_found");
    }

    [Theory]
    [InlineData("offset=-1")]
    [InlineData("limit=0")]
    [InlineData("limit=5000")]
    public async Task Paging_out_of_range_is_a_400_problem(string query)
    {
        var response = await _http.GetAsync($"/api/units/VN/children?{query}");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "out_of_range");
    }
}
