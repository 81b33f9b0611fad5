using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// <c>GET /api/units/{code}</c>, <c>/children</c> and <c>/ancestors</c> through the real HTTP
/// pipeline, read-only, on the seeded July 2025 list (34 provinces, 3,321 communes, departments
/// of provinces and divisions of communes).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class UnitsApiTests(GatewayFactory factory)
{
    private static readonly string[] UnitFields = ["code", "name", "kind", "officialKind", "parentCode", "childCount", "ancestors", "shortName", "nameEn", "hierarchy", "officialCode", "validFrom", "validUntil", "predecessors", "successors"];

    private readonly HttpClient _http = factory.CreateClient();

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    private async Task<(JsonObject Unit, string Raw, byte[] Bytes)> GetUnitAsync(string code)
    {
        var response = await _http.GetAsync($"/api/units/{code}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var raw = Encoding.UTF8.GetString(bytes);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {code}: {(int)response.StatusCode} {raw}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return (JsonNode.Parse(raw)!.AsObject(), raw, bytes);
    }

    [Fact]
    public async Task The_nation_has_a_null_parent_code_and_34_provinces()
    {
        var (nation, raw, _) = await GetUnitAsync("VN");

        Assert.Equal("VN", (string)nation["code"]!);
        Assert.Equal("nation", (string)nation["kind"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)nation["name"]));
        Assert.True(nation.ContainsKey("parentCode"), "parentCode is written even when null");
        Assert.Null(nation["parentCode"]);
        Assert.Contains("\"parentCode\":null", raw);
        Assert.Equal(34, (int)nation["childCount"]!);
        Assert.Empty(nation["ancestors"]!.AsArray());
        Assert.Equal("2level-2025-07", (string)nation["hierarchy"]!);
    }

    [Fact]
    public async Task A_province_hangs_from_the_nation_and_counts_its_communes_and_departments()
    {
        var (province, _, _) = await GetUnitAsync("75");
        var children = await _http.GetOkAsync<JsonObject>("/api/units/75/children?limit=1000");
        var expectedCommunes = TestData.Units.Where(u => u.ParentCode == "75").Select(u => u.Code).ToHashSet();

        Assert.Equal("province", (string)province["kind"]!);
        Assert.Equal("Tỉnh Đồng Nai", (string)province["name"]!);
        Assert.Equal("VN", (string)province["parentCode"]!);
        Assert.Equal(["VN"], province["ancestors"].Codes());
        Assert.Equal((int)children["total"]!, (int)province["childCount"]!);
        var items = children["items"]!.AsArray();
        Assert.Equal(expectedCommunes.Order(), items.Where(c => (string)c!["kind"]! == "commune").Select(c => (string)c!["code"]!).Order());
        Assert.All(items.Where(c => (string)c!["kind"]! != "commune"), d =>
        {
            Assert.Equal("department", (string)d!["kind"]!);
            Assert.StartsWith("75-", (string)d["code"]!);
        });
        Assert.Contains(items, c => (string)c!["code"]! == "75-SNV");
    }

    [Fact]
    public async Task A_commune_hangs_from_its_province_in_the_two_level_list()
    {
        var (commune, _, _) = await GetUnitAsync("26278");

        Assert.Equal("26278", (string)commune["code"]!);
        Assert.Equal("Xã Bình Minh", (string)commune["name"]!);
        Assert.Equal("commune", (string)commune["kind"]!);
        Assert.Equal("75", (string)commune["parentCode"]!);
        Assert.Equal(["VN", "75"], commune["ancestors"].Codes());
        Assert.Equal(["nation", "province"], commune["ancestors"]!.AsArray().Select(a => (string)a!["kind"]!));
        Assert.Equal("2level-2025-07", (string)commune["hierarchy"]!);
    }

    [Fact]
    public async Task A_department_hangs_from_its_province()
    {
        var (department, _, _) = await GetUnitAsync("75-SNV");

        Assert.Equal("75-SNV", (string)department["code"]!);
        Assert.Equal("department", (string)department["kind"]!);
        Assert.Equal("Sở Nội vụ tỉnh Đồng Nai", (string)department["name"]!);
        Assert.Equal("75", (string)department["parentCode"]!);
        Assert.Equal(["VN", "75"], department["ancestors"].Codes());
    }

    [Fact]
    public async Task A_commune_division_hangs_from_its_commune()
    {
        var (division, _, _) = await GetUnitAsync("26278-PVHXH");
        var siblings = await _http.GetOkAsync<JsonObject>("/api/units/26278/children");

        Assert.Equal("department", (string)division["kind"]!);
        Assert.Equal("26278", (string)division["parentCode"]!);
        Assert.Equal(["VN", "75", "26278"], division["ancestors"].Codes());
        Assert.Contains("26278-PVHXH", siblings["items"].Codes());
    }

    [Theory]
    [InlineData("VN")]
    [InlineData("75")]
    [InlineData("26278")]
    [InlineData("75-SNV")]
    [InlineData("26278-PVHXH")]
    public async Task Every_unit_is_written_with_exactly_the_documented_camel_case_fields(string code)
    {
        var (unit, _, _) = await GetUnitAsync(code);

        Assert.Equal(UnitFields, unit.Select(p => p.Key));
        Assert.All(unit.Select(p => p.Key), key => Assert.Matches(CamelCase(), key));
        Assert.Matches(CamelCase(), (string)unit["kind"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, unit["childCount"]!.GetValueKind());
        Assert.All(unit["ancestors"]!.AsArray(), a => Assert.Equal(["code", "name", "kind", "validFrom", "validUntil"], a!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public async Task Vietnamese_names_are_written_as_utf8_nfc_bytes_not_escapes()
    {
        var (commune, raw, bytes) = await GetUnitAsync("26278");
        var expected = Encoding.UTF8.GetBytes("Xã Bình Minh".Normalize(NormalizationForm.FormC));

        Assert.True(bytes.AsSpan().IndexOf(expected) >= 0, $"the UTF-8 bytes of the name are in the body: {raw}");
        Assert.DoesNotContain("\\u", raw);
        var name = (string)commune["name"]!;
        Assert.True(name.IsNormalized(NormalizationForm.FormC));
        Assert.Equal(expected, Encoding.UTF8.GetBytes(name));
    }

    [Fact]
    public async Task Every_commune_name_of_a_province_round_trips_exactly_from_the_official_list()
    {
        var children = await _http.GetOkAsync<JsonObject>("/api/units/75/children?limit=1000");
        var served = children["items"]!.AsArray().ToDictionary(c => (string)c!["code"]!, c => (string)c!["name"]!);

        var communes = TestData.Units.Where(u => u.ParentCode == "75").ToList();
        Assert.NotEmpty(communes);
        Assert.All(communes, u =>
        {
            Assert.True(served.TryGetValue(u.Code, out var name), $"{u.Code} is listed");
            Assert.Equal(Encoding.UTF8.GetBytes(u.Name), Encoding.UTF8.GetBytes(name!));
            Assert.True(name!.IsNormalized(NormalizationForm.FormC), $"{u.Code} '{name}' is NFC");
        });
    }

    [Fact]
    public async Task Children_are_paged_with_offset_limit_and_total()
    {
        var first = await _http.GetOkAsync<JsonObject>("/api/units/VN/children?limit=10");
        var rest = await _http.GetOkAsync<JsonObject>("/api/units/VN/children?offset=10&limit=100");

        Assert.Equal(34, (int)first["total"]!);
        Assert.Equal(0, (int)first["offset"]!);
        Assert.Equal(10, (int)first["limit"]!);
        Assert.Equal(10, first["items"]!.AsArray().Count);
        Assert.Equal(34, (int)rest["total"]!);
        Assert.Equal(10, (int)rest["offset"]!);
        Assert.Equal(24, rest["items"]!.AsArray().Count);
        var codes = first["items"].Codes().Concat(rest["items"].Codes()).ToList();
        Assert.Equal(34, codes.Distinct().Count());
        Assert.Equal("01", codes[0]);
        Assert.All(first["items"]!.AsArray(), p => Assert.Equal("province", (string)p!["kind"]!));
    }

    [Fact]
    public async Task Children_default_to_a_page_of_one_hundred()
    {
        var (hanoi, _, _) = await GetUnitAsync("01");
        var page = await _http.GetOkAsync<JsonObject>("/api/units/01/children");

        Assert.True((int)hanoi["childCount"]! > 100);
        Assert.Equal(100, page["items"]!.AsArray().Count);
        Assert.Equal(100, (int)page["limit"]!);
        Assert.Equal((int)hanoi["childCount"]!, (int)page["total"]!);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_and_still_counts_the_total()
    {
        var page = await _http.GetOkAsync<JsonObject>("/api/units/VN/children?offset=1000&limit=5");

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(34, (int)page["total"]!);
    }

    [Fact]
    public async Task The_children_of_a_commune_are_its_divisions()
    {
        var page = await _http.GetOkAsync<JsonObject>("/api/units/26278/children?limit=1000");

        Assert.Equal(page["items"]!.AsArray().Count, (int)page["total"]!);
        Assert.All(page["items"]!.AsArray(), d => Assert.StartsWith("26278-", (string)d!["code"]!));
    }

    [Theory]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=5000", "limit")]
    [InlineData("offset=-1&limit=5000", "offset")]
    public async Task Paging_out_of_range_is_a_400_problem_naming_the_parameter(string query, string field)
    {
        var response = await _http.GetAsync($"/api/units/VN/children?{query}");

        await Problem.AssertInvalidAsync(response, "out_of_range", field);
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("offset=1.5")]
    public async Task Paging_that_is_not_a_number_is_a_400_problem(string query)
    {
        var response = await _http.GetAsync($"/api/units/VN/children?{query}");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Theory]
    [InlineData("VN", new string[0])]
    [InlineData("75", new[] { "VN" })]
    [InlineData("26278", new[] { "VN", "75" })]
    [InlineData("75-SNV", new[] { "VN", "75" })]
    [InlineData("26278-PVHXH", new[] { "VN", "75", "26278" })]
    public async Task Ancestors_run_from_the_nation_down_to_the_parent(string code, string[] expected)
    {
        var ancestors = await _http.GetOkAsync<JsonArray>($"/api/units/{code}/ancestors");

        Assert.Equal(expected, ancestors.Codes());
        Assert.All(ancestors, a => Assert.False(string.IsNullOrWhiteSpace((string?)a!["name"])));
    }

    [Theory]
    [InlineData("abc", "")]
    [InlineData("1234", "")]
    [InlineData("VN-", "")]
    [InlineData("vn", "")]
    [InlineData("123456", "")]
    [InlineData("75-", "")]
    [InlineData("75-snv", "/children")]
    [InlineData("VN-", "/children")]
    [InlineData("abc", "/ancestors")]
    [InlineData("1234", "/ancestors")]
    [InlineData("abc", "/plans/2024")]
    public async Task A_malformed_code_is_a_400_problem(string code, string path)
    {
        var response = await _http.GetAsync($"/api/units/{code}{path}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_unit_code");
        Assert.Contains($"'{code}'", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("99999", "")]
    [InlineData("98", "")]
    [InlineData("999", "")]
    [InlineData("75-XYZ", "")]
    [InlineData("99999", "/children")]
    [InlineData("26278-ZZZ", "/children")]
    [InlineData("98", "/ancestors")]
    [InlineData("75-XYZ", "/ancestors")]
    public async Task An_unknown_well_formed_code_is_a_404_problem(string code, string path)
    {
        Assert.DoesNotContain(TestData.Units, u => u.Code == code);

        var response = await _http.GetAsync($"/api/units/{code}{path}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound, "unit_not_found");
        Assert.Contains(code, problem.GetProperty("detail").GetString());
    }
}
