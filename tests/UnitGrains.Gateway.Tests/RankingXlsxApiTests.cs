using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;
using UnitGrains.Gateway.Auth;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// <c>GET /api/units/{code}/children/scores?format=xlsx</c>: the ranking as an Excel sheet, read
/// back with the Open XML SDK and held to the JSON of the same request. Only reads — the nation's
/// provinces and Tuyên Quang's departments this year —, so it needs no units of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RankingXlsxApiTests(GatewayFactory factory)
{
    private static readonly string[] Headers =
    [
        "Hạng", "Mã", "Tên", "Loại", "Điểm",
        "Tỷ lệ ban hành kế hoạch", "Tỷ lệ hoàn thành nhiệm vụ", "Tỷ lệ hoàn thành nhiệm vụ đúng hạn", "Tỷ lệ báo cáo", "Tỷ lệ báo cáo đúng hạn", "Mức đạt chỉ tiêu đầu ra",
        "Kiến nghị, cảnh báo chưa xử lý",
    ];

    /// <summary>The JSON field each indicator column holds, from the sixth column on.</summary>
    private static readonly string[] IndicatorFields = ["planIssued", "taskCompletion", "taskTimeliness", "reportingRate", "reportingTimeliness", "outputAchievement", "openEscalations"];

    private readonly HttpClient _http = factory.CreateClient();

    /// <summary>
    /// The sheet and the JSON read at one moment: scores are live, and other tests' writes still
    /// climbing the tree could change them between two reads, so the JSON is read before and after.
    /// </summary>
    private async Task<(JsonArray Json, List<List<Cell>> Rows, HttpResponseMessage Response)> ReadBothAsync(string query)
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = await _http.GetFromJsonAsync<JsonArray>($"/api/units/{query}");
            var response = await _http.GetAsync($"/api/units/{query}&format=xlsx");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rows = Rows(await response.Content.ReadAsByteArrayAsync());
            var after = await _http.GetFromJsonAsync<JsonArray>($"/api/units/{query}");
            if (JsonNode.DeepEquals(before, after) || attempt == 20)
            {
                return (after!, rows, response);
            }

            await Task.Delay(200);
        }
    }

    private static List<List<Cell>> Rows(byte[] xlsx)
    {
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        // Valid against the Office schemas, so Excel opens it without offering to repair it.
        Assert.Equal(string.Empty, string.Join("\n", new OpenXmlValidator().Validate(workbook).Select(e => $"{e.Path?.XPath}: {e.Description}")));
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet!;
        var view = sheet.GetFirstChild<SheetViews>()!.GetFirstChild<SheetView>()!;
        var pane = view.GetFirstChild<Pane>()!;
        Assert.Equal((PaneStateValues.Frozen, 1d, "A2"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
        var rows = sheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        Assert.Equal($"A1:L{rows.Count}", sheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.All(sheet.GetFirstChild<Columns>()!.Elements<Column>(), c => Assert.True(c.CustomWidth!.Value && c.Width!.Value > 0));
        return rows;
    }

    private static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;

    /// <summary>A numeric cell's value: typed as a number (no data type is one too), never text.</summary>
    private static double? Number(Cell cell)
    {
        if (cell.CellValue is null)
        {
            return null;
        }

        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{cell.CellReference} is not a number");
        return double.Parse(cell.CellValue.Text, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_sheet_holds_the_json_ranking_row_for_row_with_numbers_as_numbers()
    {
        var (json, rows, response) = await ReadBothAsync("VN/children/scores?sort=name");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"xep-hang-VN-{TestData.VietnamToday.Year}.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(Headers, rows[0].Select(Text));
        Assert.Equal(34, json.Count);
        Assert.Equal(json.Count + 1, rows.Count);
        for (var i = 0; i < json.Count; i++)
        {
            var (child, row) = (json[i]!, rows[i + 1]);
            Assert.Equal((int)child["rank"]!, Number(row[0]));
            Assert.Equal((string)child["unit"]!["code"]!, Text(row[1]));
            Assert.Equal((string)child["unit"]!["name"]!, Text(row[2]));
            Assert.Equal("Tỉnh, thành phố", Text(row[3]));
            Assert.Equal((double?)child["subtree"]!["score"], Number(row[4]));
            for (var f = 0; f < IndicatorFields.Length; f++)
            {
                Assert.Equal((double?)child["subtree"]![IndicatorFields[f]], Number(row[5 + f]));
            }
        }

        // Some rate is defined this year, so the comparison above met numbers, not only empty cells.
        Assert.Contains(rows.Skip(1), r => Number(r[5]) is not null);
    }

    [Fact]
    public async Task The_kind_filter_and_the_year_apply_as_in_the_json()
    {
        var (json, rows, response) = await ReadBothAsync("08/children/scores?kind=department&year=2025");

        Assert.Equal("xep-hang-08-2025.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.NotEmpty(json);
        Assert.Equal(json.Select(c => (string)c!["unit"]!["code"]!), rows.Skip(1).Select(r => Text(r[1])));
        Assert.All(rows.Skip(1), r => Assert.Equal("Cơ quan chuyên môn", Text(r[3])));
        Assert.All(rows.Skip(1), r => Assert.EndsWith("-", Text(r[1])[..3], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("docx")]
    [InlineData("")]
    public async Task A_format_it_cannot_write_is_a_problem_naming_format(string format) =>
        await Problem.AssertInvalidAsync(await _http.GetAsync($"/api/units/VN/children/scores?format={format}"), "unknown_format", "format");

    [Fact]
    public async Task Access_is_as_for_the_json()
    {
        using var anonymous = factory.CreateAnonymousClient();
        async Task<HttpStatusCode> AsAsync(string url, string? unit)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (unit is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token(unit, UnitRole.Officer));
            }

            return (await anonymous.SendAsync(request)).StatusCode;
        }

        foreach (var (unit, expected) in new (string?, HttpStatusCode)[] { (null, HttpStatusCode.Unauthorized), ("00691", HttpStatusCode.Forbidden), ("08", HttpStatusCode.OK) })
        {
            Assert.Equal(expected, await AsAsync("/api/units/08/children/scores", unit));
            Assert.Equal(expected, await AsAsync("/api/units/08/children/scores?format=xlsx", unit));
        }
    }
}
