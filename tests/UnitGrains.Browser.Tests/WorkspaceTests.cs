using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace UnitGrains.Browser.Tests;

/// <summary>
/// The year's work done in the browser, as officials do it: xã Bình Minh's officer signs in at the
/// OpenID Connect provider, issues the plan (a refused field shown beside it first), adds and
/// completes a task and files the third quarter's report; Sở Nội vụ of Đồng Nai signs in and
/// accepts it from its inbox; a national page open all along follows without a reload. Each step is
/// screenshotted (artifacts/screenshots/w*.png) and checked with axe-core for serious or critical
/// accessibility violations; no page logs an error.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class WorkspaceTests(DashboardServer server)
{
    private const int Year = 2026;
    private const string Commune = "26278";
    private const string Office = "75-SNV";
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions PatientlyContains = new() { Timeout = 30_000 };

    private static readonly string AxeScript = Path.Combine(UnitGrains.Tests.Shared.Repo.Root, "tests", "UnitGrains.Browser.Tests", "node_modules", "axe-core", "axe.min.js");

    private sealed record OpenPage(IPage Page, List<string> Errors);

    private async Task<OpenPage> OpenAsync(string path)
    {
        // axe is injected as a script of the test's own, which the dashboard's CSP would refuse.
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "vi-VN", BypassCSP = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        // Only the dashboard's own pages: the provider's login form is not ours to judge.
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && page.Url.StartsWith(server.Address.ToString(), StringComparison.Ordinal))
            {
                errors.Add($"{page.Url}: {m.Text} {m.Location}");
            }
        };
        await page.GotoAsync(new Uri(server.Address, path).ToString());
        return new OpenPage(page, errors);
    }

    private async Task SignInAsync(IPage page, string account)
    {
        await page.GetByTestId("sign-in").ClickAsync();
        await page.Locator("input[name=login]").FillAsync(account);
        await page.Locator("input[name=password]").FillAsync("mật khẩu");
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("my-unit")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.StartsWith(server.Address.ToString(), page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardServer.Screenshots, $"{name}.png"), FullPage = true });

    /// <summary>axe-core on the page as it is: no violation of serious or critical impact.</summary>
    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))");
        var grave = result.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.ToString()).ToList();
        Assert.True(grave.Count == 0, $"{what}: {string.Join("\n", grave)}");
    }

    private async Task<JsonObject> CampaignAsync() =>
        (await server.Http.GetFromJsonAsync<JsonObject>($"/api/units/{Commune}/plans/{Year}"))!;

    [Fact]
    public async Task A_commune_officer_does_the_quarters_work_in_the_browser_and_the_province_office_accepts_it()
    {
        Assert.True(File.Exists(AxeScript), $"{AxeScript} is missing: scripts/test.sh runs npm ci in tests/UnitGrains.Browser.Tests");
        var nation = await OpenAsync($"/?year={Year}#/u/VN");
        await Expect(nation.Page.GetByTestId("unit-name")).ToHaveTextAsync("Việt Nam", Patiently);
        await nation.Page.EvaluateAsync("() => window.__sameDocument = true");
        var nationVersion = await nation.Page.GetByTestId("nation-score").GetAttributeAsync("data-version", new() { Timeout = 30_000 });

        // The officer signs in at the provider and lands on the commune's page, back in the year they were reading.
        var officer = await OpenAsync($"/?year={Year}");
        await SignInAsync(officer.Page, $"officer@{Commune}");
        await Expect(officer.Page.GetByTestId("unit-name")).ToHaveTextAsync("Xã Bình Minh", Patiently);
        await Expect(officer.Page.GetByTestId("year")).ToHaveValueAsync(Year.ToString());
        await Expect(officer.Page.GetByTestId("workspace")).ToBeVisibleAsync();
        await ShotAsync(officer.Page, "w1-officer-signed-in");

        // The plan: a refused field is named beside its input, then the plan is issued.
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Soạn/sửa kế hoạch" }).ClickAsync();
        var form = officer.Page.GetByTestId("plan-form");
        await form.GetByLabel("Tên", new() { Exact = true }).FillAsync("Kế hoạch thông tin, tuyên truyền cải cách hành chính xã Bình Minh năm 2026");
        await form.GetByLabel("Số hiệu").FillAsync("12/KH-UBND");
        await form.GetByLabel("Ngày ban hành").FillAsync($"{Year}-02-10");
        await form.GetByLabel("Thời gian từ").FillAsync($"{Year}-02-10");
        await form.GetByLabel("đến", new() { Exact = true }).FillAsync($"{Year}-01-31");
        await form.GetByLabel("Cổng/Trang thông tin điện tử").CheckAsync();
        await form.GetByLabel("Hằng quý").CheckAsync();
        await AssertAccessibleAsync(officer.Page, "the plan form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }).ClickAsync();
        await Expect(form.Locator(".field-error[data-for='period.to']")).ToContainTextAsync("before it starts", new() { Timeout = 10_000 });
        await Expect(form.GetByLabel("đến", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(404, (int)(await server.Http.GetAsync($"/api/units/{Commune}/plans/{Year}")).StatusCode);
        await ShotAsync(officer.Page, "w2-plan-refused");
        await form.GetByLabel("đến", new() { Exact = true }).FillAsync($"{Year}-12-31");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }).ClickAsync();
        await Expect(officer.Page.GetByTestId("plan-title")).ToHaveTextAsync("Kế hoạch thông tin, tuyên truyền cải cách hành chính xã Bình Minh năm 2026", Patiently);
        Assert.Equal("12/KH-UBND", (string?)(await CampaignAsync())["plan"]!["identifier"]);

        // Someone else saves the plan while the officer edits it: the form says so and offers the plan as it now stands.
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Soạn/sửa kế hoạch" }).ClickAsync();
        form = officer.Page.GetByTestId("plan-form");
        await Expect(form.GetByLabel("Số hiệu")).ToHaveValueAsync("12/KH-UBND");
        var meanwhile = (await CampaignAsync())["plan"]!.AsObject();
        foreach (var computed in new[] { "isIssued", "issuedOnTime" })
        {
            meanwhile.Remove(computed);
        }

        meanwhile["identifier"] = "12a/KH-UBND";
        var put = await server.Http.PutAsJsonAsync($"/api/units/{Commune}/plans/{Year}", meanwhile);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await form.GetByLabel("Người ký").FillAsync("Nguyễn Văn A");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }).ClickAsync();
        await Expect(officer.Page.GetByTestId("plan-conflict")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await ShotAsync(officer.Page, "w2b-plan-conflict");
        await officer.Page.GetByTestId("plan-conflict").GetByRole(AriaRole.Button, new() { Name = "Tải lại" }).ClickAsync();
        await Expect(officer.Page.GetByTestId("plan-form").GetByLabel("Số hiệu")).ToHaveValueAsync("12a/KH-UBND");
        Assert.Null((await CampaignAsync())["plan"]!["signer"]);

        // A task, completed with its output.
        var task = officer.Page.GetByTestId("task-form");
        await task.GetByLabel("Tên", new() { Exact = true }).FillAsync("Đăng tin bài tuyên truyền CCHC trên trang thông tin điện tử xã");
        await task.GetByLabel("Hạn").FillAsync($"{Year}-12-31");
        await task.GetByLabel("Chỉ tiêu").FillAsync("6");
        await task.GetByRole(AriaRole.Button, new() { Name = "Thêm nhiệm vụ" }).ClickAsync();
        var row = officer.Page.GetByTestId("tasks").Locator("tr[data-task]").Filter(new() { HasText = "Đăng tin bài tuyên truyền CCHC" });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await row.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành" }).ClickAsync();
        var complete = officer.Page.GetByTestId("complete-form");
        await complete.GetByLabel("Minh chứng").FillAsync("https://binhminh.dongnai.gov.vn/cchc");
        await ShotAsync(officer.Page, "w3-completing-task");
        await complete.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành" }).ClickAsync();
        await Expect(officer.Page.GetByTestId("tasks").Locator("tr[data-task]").Filter(new() { HasText = "Đăng tin bài tuyên truyền CCHC" }).GetByTestId("task-status")).ToHaveTextAsync("Hoàn thành", Patiently);

        // The third quarter's report, filed late (it was due on 15 October).
        var report = officer.Page.GetByTestId("report-form");
        await report.GetByLabel("Kỳ báo cáo").SelectOptionAsync($"{Year}-Q3");
        await report.GetByLabel("Kết quả thực hiện").FillAsync("Đã đăng 6 tin bài về cải cách hành chính.");
        await report.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Expect(officer.Page.GetByTestId("reports").Locator("tr").Filter(new() { HasText = $"{Year}-Q3" })).ToContainTextAsync("Nộp muộn", PatientlyContains);
        await ShotAsync(officer.Page, "w4-officer-done");
        await AssertAccessibleAsync(officer.Page, "the commune's page with its work");

        // Đồng Nai's officer acknowledges, with a comment, an escalation that climbed from an idle commune to the province.
        var provinceOfficer = await OpenAsync($"/?year={Year}");
        await SignInAsync(provinceOfficer.Page, "officer@75");
        await Expect(provinceOfficer.Page.GetByTestId("unit-name")).ToHaveTextAsync("Tỉnh Đồng Nai", Patiently);
        var escalations = provinceOfficer.Page.GetByTestId("escalations");
        var first = escalations.Locator("li").Filter(new() { Has = provinceOfficer.Page.Locator("[data-acknowledge]") }).First;
        var origin = await first.Locator("a").First.TextContentAsync(new() { Timeout = 30_000 });
        var title = await first.Locator("span").First.TextContentAsync();
        // Named by what it says, since its button goes once clicked.
        var raised = escalations.Locator("li").Filter(new() { HasText = origin! }).Filter(new() { HasText = title! }).First;
        await raised.Locator("[data-acknowledge]").ClickAsync();
        await raised.GetByTestId("ack-form").GetByLabel("Ý kiến chỉ đạo, đôn đốc").FillAsync("Đề nghị xã ban hành ngay");
        await raised.GetByTestId("ack-form").GetByRole(AriaRole.Button, new() { Name = "Ghi nhận" }).ClickAsync();
        await Expect(raised.GetByTestId("acknowledged")).ToContainTextAsync("Đề nghị xã ban hành ngay", PatientlyContains);
        await ShotAsync(provinceOfficer.Page, "w4b-province-acknowledged");
        await AssertAccessibleAsync(provinceOfficer.Page, "the province's page with an acknowledgement");

        // Sở Nội vụ of Đồng Nai, where the commune reports, accepts the report from its inbox.
        var office = await OpenAsync($"/?year={Year}");
        await SignInAsync(office.Page, $"consolidator@{Office}");
        await office.Page.GotoAsync(new Uri(server.Address, $"/?year={Year}#/u/{Office}").ToString());
        var line = office.Page.Locator($"[data-testid=inbox][data-period='{Year}-Q3'] tr[data-unit='{Commune}']");
        await Expect(line).ToContainTextAsync("Nộp muộn", PatientlyContains);
        await AssertAccessibleAsync(office.Page, "the office's inbox");
        await ShotAsync(office.Page, "w5-office-inbox");

        // First returned with what to correct; the commune files it again; then accepted.
        await line.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        var returning = office.Page.GetByTestId("return-form");
        await returning.GetByLabel("Nội dung cần sửa").FillAsync("Bổ sung số liệu sản phẩm theo từng hình thức.");
        await returning.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await Expect(office.Page.Locator($"[data-testid=inbox][data-period='{Year}-Q3'] tr[data-unit='{Commune}'] [data-testid=review]")).ToHaveTextAsync("Trả lại: Bổ sung số liệu sản phẩm theo từng hình thức.", Patiently);
        await ShotAsync(office.Page, "w5b-office-returned");
        await officer.Page.ReloadAsync();
        report = officer.Page.GetByTestId("report-form");
        await report.GetByLabel("Kỳ báo cáo").SelectOptionAsync($"{Year}-Q3");
        await report.GetByLabel("Kết quả thực hiện").FillAsync("Đã đăng 6 tin bài về cải cách hành chính: 6 trên cổng thông tin điện tử của xã.");
        await report.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Expect(officer.Page.GetByTestId("reports").Locator("tr").Filter(new() { HasText = $"{Year}-Q3" })).ToContainTextAsync("Nộp muộn", PatientlyContains);
        await office.Page.ReloadAsync();
        line = office.Page.Locator($"[data-testid=inbox][data-period='{Year}-Q3'] tr[data-unit='{Commune}']");
        await line.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận" }).ClickAsync();
        await Expect(office.Page.Locator($"[data-testid=inbox][data-period='{Year}-Q3'] tr[data-unit='{Commune}'] [data-testid=review]")).ToHaveTextAsync("Đã tiếp nhận", Patiently);
        await ShotAsync(office.Page, "w6-office-accepted");
        var filed = (await CampaignAsync())["reports"]!.AsArray().Where(r => (string?)r!["period"] == $"{Year}-Q3").ToList();
        Assert.Equal(["returned", "accepted"], filed.Select(r => (string?)r!["review"]!["decision"]));

        // The commune's officer downloads the province's consolidated report for the quarter — the
        // Word document officials file, now counting the accepted report — and its ranking.
        await officer.Page.GotoAsync(new Uri(server.Address, $"/?year={Year}#/u/75").ToString());
        await Expect(officer.Page.GetByTestId("unit-name")).ToHaveTextAsync("Tỉnh Đồng Nai", Patiently);
        var documents = officer.Page.GetByTestId("documents");
        await documents.GetByLabel("Báo cáo tổng hợp kỳ").SelectOptionAsync($"{Year}-Q3");
        await Expect(documents.GetByRole(AriaRole.Link, new() { Name = "Bản in (HTML)" })).ToHaveAttributeAsync("href", $"/api/units/75/reports/{Year}-Q3/consolidated?format=html");
        var download = await officer.Page.RunAndWaitForDownloadAsync(() => documents.GetByRole(AriaRole.Button, new() { Name = "Tải báo cáo (Word)" }).ClickAsync());
        Assert.Equal($"bao-cao-tong-hop-75-{Year}-Q3.docx", download.SuggestedFilename);
        var file = Path.Combine(DashboardServer.Screenshots, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(file, false))
        {
            var text = string.Join("\n", word.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
            Assert.Contains("Độc lập - Tự do - Hạnh phúc", text, StringComparison.Ordinal);
            Assert.Contains("BÁO CÁO", text, StringComparison.Ordinal);
            Assert.Contains("Xã Bình Minh", word.MainDocumentPart.Document.Body.InnerText, StringComparison.Ordinal);
        }

        var sheet = await officer.Page.RunAndWaitForDownloadAsync(() => documents.GetByRole(AriaRole.Button, new() { Name = "Tải bảng xếp hạng (Excel)" }).ClickAsync());
        Assert.Equal($"xep-hang-75-{Year}.xlsx", sheet.SuggestedFilename);
        await ShotAsync(officer.Page, "w6b-province-documents");

        // The national page followed without a reload.
        await Expect(nation.Page.GetByTestId("nation-score")).Not.ToHaveAttributeAsync("data-version", nationVersion!, new() { Timeout = 30_000 });
        Assert.True(await nation.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the national page was reloaded");
        await AssertAccessibleAsync(nation.Page, "the national page");
        await ShotAsync(nation.Page, "w7-nation-after");

        // The browser logs the one answer the officer was meant to get refused; nothing else.
        string[] provoked = [$"status of 400 (Bad Request) {server.Address}api/units/{Commune}/plans/{Year}", $"status of 412 (Precondition Failed) {server.Address}api/units/{Commune}/plans/{Year}"];
        var unexpected = officer.Errors.Where(e => !provoked.Any(p => e.Contains(p, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
        Assert.Equal(2, officer.Errors.Except(unexpected).Count());
        Assert.Empty(office.Errors);
        Assert.Empty(provinceOfficer.Errors);
        Assert.Empty(nation.Errors);
        await Task.WhenAll(officer.Page.Context.CloseAsync(), office.Page.Context.CloseAsync(), provinceOfficer.Page.Context.CloseAsync(), nation.Page.Context.CloseAsync());
    }
}
