using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace UnitGrains.Browser.Tests;

/// <summary>
/// The dashboard in a real browser against the real gateway: the nation's page with its provinces
/// ranked, drilling down to a commune, and the national score in the header changing on screen —
/// without a reload — when a task is completed through the HTTP API. Screenshots of each step are
/// saved to artifacts/screenshots.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardServer server)
{
    private static readonly int Year = DateTime.UtcNow.AddHours(7).Year;
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };

    private static readonly IReadOnlyList<(string Code, string Name, string? Parent)> Units = [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "units", "units-2level-2025-07.csv"), Encoding.UTF8)
        .Skip(1)
        .Select(line => line.Split(','))
        .Select(f => (f[0], f[1], f[3].Length == 0 ? null : f[3]))];

    private HttpClient Http => server.Http;

    private static IEnumerable<(string Code, string Name, string? Parent)> CommunesOf(string province) => Units.Where(u => u.Parent == province);

    private async Task PlanAsync(string commune, bool withOverdueTask)
    {
        var plan = new JsonObject
        {
            ["title"] = $"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {Year}",
            ["identifier"] = "12/KH-UBND",
            ["issuedOn"] = $"{Year}-01-05",
            ["period"] = new JsonObject { ["from"] = $"{Year}-01-01", ["to"] = $"{Year}-12-31" },
        };
        var put = await Http.PutAsJsonAsync($"/api/units/{commune}/plans/{Year}", plan);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        if (withOverdueTask)
        {
            var task = new JsonObject
            {
                ["id"] = "T1",
                ["title"] = "Đăng tin bài tuyên truyền CCHC trên trang thông tin điện tử",
                ["lead"] = new JsonObject { ["name"] = "Công chức Văn hóa – Xã hội" },
                ["dueDate"] = $"{Year}-01-31",
                ["outputs"] = new JsonArray(new JsonObject { ["metric"] = "articles", ["target"] = 12, ["unit"] = "bài", ["channel"] = "webPortal" }),
            };
            var post = await Http.PostAsJsonAsync($"/api/units/{commune}/plans/{Year}/tasks", task);
            Assert.True(post.StatusCode == HttpStatusCode.Created, await post.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// A share of each listed province's communes issue their plan; in some, every second one also
    /// has a task done late and one left overdue, so scores, completion and escalations vary.
    /// </summary>
    private async Task SeedCampaignAsync()
    {
        (string Province, double Share, bool Tasks)[] provinces = [("01", 0.9, true), ("79", 0.75, false), ("48", 0.6, true), ("31", 0.45, false), ("92", 0.3, true), ("56", 0.2, false), ("04", 0.1, false), ("96", 0.05, true)];
        var communes = provinces.SelectMany(p =>
        {
            var list = CommunesOf(p.Province).ToList();
            return list.Take((int)Math.Ceiling(list.Count * p.Share)).Select((c, i) => (c.Code, Task: p.Tasks && i % 2 == 0, Done: i % 4 == 0));
        });
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(communes.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                await PlanAsync(c.Code, c.Task);
                if (c.Task && c.Done)
                {
                    await CompleteAsync(c.Code);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private async Task CompleteAsync(string commune)
    {
        var response = await Http.PostAsJsonAsync($"/api/units/{commune}/plans/{Year}/tasks/T1/complete", new { outputs = new { articles = 12 } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<double?> NationScoreAsync() =>
        (double?)(await Http.GetFromJsonAsync<JsonObject>("/api/units/VN/scores"))!["subtree"]!["score"];

    private static string Shown(double? score) => score is { } s ? s.ToString("0.0", Vietnamese) : "—";

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

    private async Task<IPage> OpenAsync(int width = 1366, int height = 900)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(server.Address.ToString());
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Việt Nam", Patiently);
        Assert.Empty(errors);
        return page;
    }

    private static Task ShotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServer.Screenshots, $"{name}.png"), FullPage = fullPage });

    [Fact]
    public async Task Drilling_down_to_a_commune_and_completing_a_task_changes_the_national_score_on_screen()
    {
        // Provinces at different stages of the campaign, so the ranking spreads over the colour scale.
        await SeedCampaignAsync();

        const string province = "46"; // Thành phố Huế
        var target = CommunesOf(province).First();
        await PlanAsync(target.Code, withOverdueTask: true);

        var page = await OpenAsync();
        await Expect(page.Locator("[data-testid=child-row]")).ToHaveCountAsync(34);
        await page.EvaluateAsync("() => window.__sameDocument = true");
        await EventuallyAsync(async () => await page.GetByTestId("nation-score").TextContentAsync() == Shown(await NationScoreAsync()), "the header shows the nation's current score");
        await ShotAsync(page, "1-nation");

        // Drill down: nation → province → commune, by clicking, never reloading.
        await page.Locator($"[data-testid=child-row][data-code='{province}'] a").ClickAsync();
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(Units.Single(u => u.Code == province).Name, Patiently);
        await Expect(page.GetByTestId("breadcrumbs")).ToContainTextAsync("Việt Nam");
        await page.Locator($"[data-testid=child-row][data-code='{target.Code}'] a").ClickAsync();
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(target.Name, Patiently);
        await Expect(page.GetByTestId("breadcrumbs")).ToContainTextAsync(Units.Single(u => u.Code == province).Name);
        await Expect(page.GetByTestId("tasks")).ToContainTextAsync("Đăng tin bài tuyên truyền CCHC");
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("Quá hạn");
        await ShotAsync(page, "2-commune-before");

        var before = await page.GetByTestId("nation-score").TextContentAsync();
        await CompleteAsync(target.Code);

        await Expect(page.GetByTestId("nation-score")).Not.ToHaveTextAsync(before!, Patiently);
        await EventuallyAsync(async () => await page.GetByTestId("nation-score").TextContentAsync() == Shown(await NationScoreAsync()), "the header shows the nation's new score");
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("Hoàn thành", Patiently);
        await Expect(page.GetByTestId("feed")).ToContainTextAsync("nhiệm vụ hoàn thành", new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await ShotAsync(page, "3-commune-after");

        // Back up through the breadcrumbs: the nation page shows the new score too.
        await page.GetByTestId("breadcrumbs").GetByText("Việt Nam").ClickAsync();
        await Expect(page.GetByTestId("score")).ToHaveTextAsync(Shown(await NationScoreAsync()), Patiently);
        await ShotAsync(page, "4-nation-after");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_English_toggle_relabels_the_page_and_a_phone_sees_one_column_without_sideways_scrolling()
    {
        var page = await OpenAsync(390, 844);
        await Expect(page.GetByText("Chỉ số", new() { Exact = true })).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        await ShotAsync(page, "5-nation-phone");
        await ShotAsync(page, "6-nation-phone-screen", fullPage: false);

        await page.GetByTestId("lang").ClickAsync();
        await Expect(page.GetByText("Indicators", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Việt Nam");
        await page.GetByTestId("lang").ClickAsync();
        await Expect(page.GetByText("Chỉ số", new() { Exact = true })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dong_Nai_shows_2022_through_todays_units_and_Son_Ninhs_plan_opens_from_Huong_Sons_lineage()
    {
        var page = await OpenAsync();
        await page.GotoAsync(new Uri(server.Address, "?year=2022#/u/75").ToString());
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Tỉnh Đồng Nai", Patiently);
        await Expect(page.GetByTestId("through-today")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("predecessors")).ToContainTextAsync("Tỉnh Bình Phước", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("score")).Not.ToHaveTextAsync("—", Patiently);
        await Expect(page.Locator("[data-testid=years] tr[data-year='2022']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=years] tr[data-year='2025']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("carried-plans")).ToContainTextAsync("176/KH-UBND", new() { Timeout = 30_000 });
        await ShotAsync(page, "5-dong-nai-2022");

        // Communes are ranked among communes; the departments have their own ranking, one click away.
        await Expect(page.Locator("[data-testid=kinds] button[aria-pressed=true]")).ToHaveTextAsync("Xã/Phường");
        var communeRows = await page.Locator("[data-testid=child-row]").CountAsync();
        await page.Locator("[data-testid=kinds] button[data-kind=department]").ClickAsync();
        await Expect(page.Locator("[data-testid=child-row]")).Not.ToHaveCountAsync(communeRows);
        await Expect(page.Locator("[data-testid=child-row]").First).ToContainTextAsync("Cơ quan chuyên môn");

        await page.EvaluateAsync("() => { location.hash = '#/u/18133'; }");
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Xã Hương Sơn", Patiently);
        await page.GetByTestId("predecessors").GetByRole(AriaRole.Link, new() { Name = "Xã Sơn Ninh" }).ClickAsync();
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Xã Sơn Ninh", Patiently);
        await Expect(page.GetByTestId("ended")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=tasks] tbody tr")).ToHaveCountAsync(15, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("successors")).ToContainTextAsync("Xã Hương Sơn");
        await ShotAsync(page, "6-son-ninh-2022");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_unit_shows_a_message_instead_of_a_broken_page()
    {
        var page = await OpenAsync();
        await page.EvaluateAsync("() => { location.hash = '#/u/99999'; }");

        await Expect(page.GetByTestId("error")).ToHaveTextAsync("Không tìm thấy đơn vị.", Patiently);
        await page.Context.CloseAsync();
    }
}
