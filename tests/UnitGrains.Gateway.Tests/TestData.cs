using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace UnitGrains.Gateway.Tests;

/// <summary>One row of the July 2025 unit list shipped with the gateway.</summary>
internal sealed record UnitRow(string Code, string Name, string Kind, string? ParentCode);

/// <summary>
/// What the API tests share: the shipped unit list, a supply of communes no other test writes to,
/// the date in Vietnam, and request bodies in the API's JSON dialect. Every writing test takes its
/// own commune from <see cref="FreshCommune"/>, so tests run in any order and never see each
/// other's plans, tasks or reports.
/// </summary>
internal static class TestData
{
    /// <summary>Provinces whose communes are left alone: the seed plan's (75), the 3-level seed files' (52), the score tests' (20), the access tests' (04), the consolidated report tests' (08), the simulation tests' (96), the cascade tests' (92).</summary>
    private static readonly HashSet<string> ReservedProvinces = ["04", "08", "20", "52", "75", "92", SimulationProvince];

    /// <summary>The province whose communes the simulation over HTTP writes to.</summary>
    public const string SimulationProvince = "96";

    private static int _nextCommune = -1;

    public static string DataDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The July 2025 (2-level) list: 34 provinces and 3,321 communes.</summary>
    public static IReadOnlyList<UnitRow> Units { get; } = [.. File.ReadLines(Path.Combine(DataDirectory, "units", "units-2level-2025-07.csv"), Encoding.UTF8)
        .Skip(1)
        .Select(line => line.Split(','))
        .Select(f => new UnitRow(f[0], f[1], f[2], f[3].Length == 0 ? null : f[3]))];

    private static readonly string[] FreeCommunes = [.. Units
        .Where(u => u.ParentCode is { } parent && !ReservedProvinces.Contains(parent))
        .Select(u => u.Code)];

    /// <summary>A commune no other test has used in this run.</summary>
    public static string FreshCommune()
    {
        var index = Interlocked.Increment(ref _nextCommune);
        return index < FreeCommunes.Length ? FreeCommunes[index] : throw new InvalidOperationException("The tests used up every free commune.");
    }

    /// <summary>Today in Vietnam (UTC+7), the date the server checks "not in the future" against.</summary>
    public static DateOnly VietnamToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A year entirely in the past: tasks of it can be completed and its reports submitted on their own dates.</summary>
    public const int PastYear = 2024;

    public static string PlanUrl(string unit, int year) => $"/api/units/{unit}/plans/{year}";

    public static string TasksUrl(string unit, int year) => $"{PlanUrl(unit, year)}/tasks";

    public static string ReportsUrl(string unit, int year) => $"{PlanUrl(unit, year)}/reports";

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>
    /// A valid one-year plan with quarterly reports due on the 5th of each quarter's last month,
    /// issued on 10 January when that day is not in the future.
    /// </summary>
    public static JsonObject Plan(int year, string title = "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm")
    {
        var plan = new JsonObject
        {
            ["title"] = $"{title} {year}",
            ["identifier"] = "15/KH-UBND",
            ["period"] = new JsonObject { ["from"] = $"{year}-01-01", ["to"] = $"{year}-12-31" },
            ["audiences"] = new JsonArray("citizens", "businesses"),
            ["channels"] = new JsonArray("webPortal", "loudspeakers"),
            ["reporting"] = new JsonObject
            {
                ["requirements"] = new JsonArray(new JsonObject { ["frequency"] = "quarterly", ["dueDay"] = 5 }),
                ["consolidator"] = new JsonObject { ["name"] = "Phòng Văn hóa – Xã hội" },
            },
        };
        var issued = new DateOnly(year, 1, 10);
        if (issued <= VietnamToday)
        {
            plan["issuedOn"] = Iso(issued);
        }

        return plan;
    }

    /// <summary>A task with one output (articles on the web portal).</summary>
    public static JsonObject Task(string? id = null, string? dueDate = null, decimal target = 12, string title = "Đăng tin bài về CCHC trên trang thông tin điện tử xã")
    {
        var task = new JsonObject
        {
            ["title"] = title,
            ["lead"] = new JsonObject { ["name"] = "Công chức Văn hóa – Xã hội" },
            ["outputs"] = new JsonArray(new JsonObject { ["metric"] = "articles", ["target"] = target, ["unit"] = "bài", ["channel"] = "webPortal" }),
        };
        if (id is not null)
        {
            task["id"] = id;
        }

        if (dueDate is not null)
        {
            task["dueDate"] = dueDate;
        }

        return task;
    }

    /// <summary>A plan file as <c>POST /api/plans/import</c> and <c>data/plans/*.json</c> take it.</summary>
    public static JsonObject PlanFile(string unit, int year, JsonObject? plan = null, params JsonObject[] tasks) => new()
    {
        ["hierarchy"] = "2level-2025-07",
        ["source"] = "Tệp kiểm thử",
        ["unit"] = unit,
        ["year"] = year,
        ["plan"] = plan ?? Plan(year),
        ["tasks"] = new JsonArray([.. tasks]),
    };

    /// <summary>Puts <see cref="Plan"/> (or the given plan) and checks it was accepted.</summary>
    public static async Task<JsonObject> PutPlanAsync(this HttpClient http, string unit, int year, JsonObject? plan = null)
    {
        var response = await http.PutAsJsonAsync(PlanUrl(unit, year), plan ?? Plan(year));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT plan: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Adds a task and checks it was created; returns the created task.</summary>
    public static async Task<JsonObject> AddTaskAsync(this HttpClient http, string unit, int year, JsonObject task)
    {
        var response = await http.PostAsJsonAsync(TasksUrl(unit, year), task);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST task: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>GETs a URL that must answer 200 with JSON.</summary>
    public static async Task<T> GetOkAsync<T>(this HttpClient http, string url)
        where T : JsonNode
    {
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (T)JsonNode.Parse(body)!;
    }

    public static IEnumerable<string> Strings(this JsonNode? array) => array!.AsArray().Select(n => (string)n!);

    public static IEnumerable<string> Codes(this JsonNode? array) => array!.AsArray().Select(n => (string)n!["code"]!);
}
