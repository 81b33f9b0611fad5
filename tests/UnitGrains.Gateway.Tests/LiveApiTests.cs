using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UnitGrains.Contracts;
using UnitGrains.Gateway.Live;

namespace UnitGrains.Gateway.Tests;

/// <summary>
/// Live push (<c>GET /api/units/{code}/live</c>) through the real pipeline and the embedded silo:
/// a province's subscribers hear a commune's completed task, reconnecting resumes with the current
/// snapshot, thousands of subscribers are served while one never reads, errors are problems before
/// the stream starts, and the upstream watch is dropped when the last subscriber leaves. Each test
/// writes at its own fresh commune, in the current campaign year.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class LiveApiTests(GatewayFactory factory)
{
    private static readonly int Year = DateTime.UtcNow.AddHours(7).Year;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = factory.CreateClient();

    private UnitFeeds Feeds => factory.Services.GetRequiredService<UnitFeeds>();

    private IUnitGrain Unit(string code) => factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IUnitGrain>(code);

    private static string ProvinceOf(string commune) => TestData.Units.Single(u => u.Code == commune).ParentCode!;

    /// <summary>A fresh commune with a plan and one task due in the past, ready to be completed.</summary>
    private async Task<string> CommuneWithTaskAsync(string taskId)
    {
        var commune = TestData.FreshCommune();
        var plan = TestData.Plan(Year);
        plan["issuedOn"] = $"{Year}-01-05";
        await _http.PutPlanAsync(commune, Year, plan);
        await _http.AddTaskAsync(commune, Year, TestData.Task(taskId, $"{Year}-01-31"));
        return commune;
    }

    private async Task CompleteAsync(string commune, string taskId)
    {
        var response = await _http.PostAsJsonAsync($"{TestData.TasksUrl(commune, Year)}/{taskId}/complete", new { outputs = new { articles = 12 } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static int TasksDone(SseEvent scores) => (int)scores.Json["subtree"]!["counts"]!["tasksDone"]!;

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task A_province_subscriber_receives_the_update_when_a_commune_completes_a_task()
    {
        var commune = await CommuneWithTaskAsync("live1");
        var province = ProvinceOf(commune);

        await using var live = await SseStream.OpenAsync(_http, $"/api/units/{province}/live");
        Assert.Equal(HttpStatusCode.OK, live.Response.StatusCode);
        Assert.Equal("text/event-stream", live.Response.Content.Headers.ContentType?.MediaType);
        var first = await live.NextAsync(e => true, Patience, "the snapshot on connect");
        Assert.Equal("scores", first.Event);
        Assert.Equal(((long)first.Json["version"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), first.Id);
        Assert.Equal(province, (string)first.Json["code"]!);
        Assert.Equal(Year, (int)first.Json["year"]!);
        Assert.NotNull(live.Retry);

        await CompleteAsync(commune, "live1");

        var activity = await live.NextAsync(e => e.Event == "activity" && e.Json["changes"]!.AsArray().Any(c => (string)c!["code"]! == commune && (int)c["tasksDone"]! == 1), Patience, "activity naming the commune");
        Assert.Equal(province, (string)activity.Json["code"]!);
        var scores = await _http.GetOkAsync<JsonObject>($"/api/units/{province}/scores");
        Assert.True((int)scores["subtree"]!["counts"]!["tasksDone"]! > TasksDone(first));

        // The scores event of that change came before its activity; a later GET shows at least as much.
        Assert.True((long)scores["version"]! >= (long)activity.Json["version"]!);
    }

    [Fact]
    public async Task Reconnecting_with_Last_Event_ID_gets_the_current_snapshot_at_once()
    {
        var commune = await CommuneWithTaskAsync("live2");
        var province = ProvinceOf(commune);
        string lastId;
        await using (var live = await SseStream.OpenAsync(_http, $"/api/units/{province}/live?year={Year}"))
        {
            lastId = (await live.NextAsync(e => e.Event == "scores", Patience, "the snapshot on connect")).Id!;
        }

        // While disconnected, the province changes.
        await CompleteAsync(commune, "live2");
        await EventuallyAsync(async () => (long)(await _http.GetOkAsync<JsonObject>($"/api/units/{province}/scores"))["version"]! > long.Parse(lastId), "the province has a newer version");
        var current = await _http.GetOkAsync<JsonObject>($"/api/units/{province}/scores");

        await using var again = await SseStream.OpenAsync(_http, $"/api/units/{province}/live?year={Year}", lastEventId: lastId);
        var resumed = await again.NextAsync(e => true, Patience, "the current snapshot on reconnect");

        // The very first event after reconnecting is the current snapshot: nothing waits for a change.
        Assert.Equal("scores", resumed.Event);
        Assert.True(long.Parse(resumed.Id!) >= (long)current["version"]!, $"resumed at {resumed.Id}, current {current["version"]}");
        Assert.True(TasksDone(resumed) >= (int)current["subtree"]!["counts"]!["tasksDone"]!);
        Assert.Contains(again.Comments, c => c.Contains(lastId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_thousand_subscribers_all_receive_an_update_while_one_never_reads()
    {
        const int count = 2000;
        var commune = await CommuneWithTaskAsync("live3");
        var province = ProvinceOf(commune);
        var url = $"/api/units/{province}/live";

        // The one that never reads: it holds a connection and a mailbox, and is never drained.
        await using var stalled = await SseStream.OpenAsync(_http, url, read: false);
        Assert.Equal(HttpStatusCode.OK, stalled.Response.StatusCode);

        var clients = new SseStream[count];
        var initial = new long[count];
        var gate = new SemaphoreSlim(100);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                clients[i] = await SseStream.OpenAsync(_http, url);
                initial[i] = long.Parse((await clients[i].NextAsync(e => e.Event == "scores", Patience, "a snapshot on connect")).Id!);
            }
            finally
            {
                gate.Release();
            }
        }));
        try
        {
            Assert.Equal(count + 1, Feeds.SubscribersOf(province));
            Assert.Equal(1, await Unit(province).GetWatcherCountAsync());

            await CompleteAsync(commune, "live3");
            await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
                clients[i].NextAsync(e => e.Event == "activity" && e.Json["changes"]!.AsArray().Any(c => (string)c!["code"]! == commune && (int)c["tasksDone"]! == 1), Patience, $"client {i} hears the commune")));
        }
        finally
        {
            await Task.WhenAll(clients.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task A_client_whose_connection_is_full_stays_stuck_alone_and_is_cleaned_up_when_it_goes()
    {
        const int readers = 20;
        var commune = TestData.FreshCommune();
        var province = ProvinceOf(commune);
        await _http.PutPlanAsync(commune, Year);
        var url = $"/api/units/{province}/live";
        var stalled = await SseStream.OpenAsync(_http, url, read: false);
        var clients = await Task.WhenAll(Enumerable.Range(0, readers).Select(_ => SseStream.OpenAsync(_http, url)));
        try
        {
            // Change the province again and again until the stalled client's connection is full and
            // its writer is stuck: its mailbox then stays non-empty while every reader's drains.
            var stuck = false;
            for (var i = 0; i < 400 && !stuck; i++)
            {
                await _http.AddTaskAsync(commune, Year, TestData.Task($"fill{i}", $"{Year}-01-31"));
                await Task.Delay(60);
                stuck = Feeds.PendingOf(province).Count(p => p > 0) == 1 && await StaysAsync(() => Feeds.PendingOf(province).Count(p => p > 0) == 1);
            }

            Assert.True(stuck, "the stalled client's writer never filled its connection");
            Console.WriteLine($"The stalled client's writer was stuck after {Feeds.PendingOf(province).Max()} pending items, {commune}'s tasks: {(await _http.GetOkAsync<JsonArray>(TestData.TasksUrl(commune, Year))).Count}");

            // One more change: every reader hears it, however stuck the other writer is.
            await _http.AddTaskAsync(commune, Year, TestData.Task("last", $"{Year}-01-31"));
            await Task.WhenAll(clients.Select(c => c.NextAsync(e => e.Event == "activity" && e.Json["changes"]!.AsArray().Any(x => (string)x!["code"]! == commune && (int)x["tasksDue"]! >= 1) && ((long)e.Json["version"]!) > 0, Patience, "the last change")));
            Assert.Equal(1, Feeds.PendingOf(province).Count(p => p > 0));

            // The stuck client goes away: its writer is released and it leaves the feed.
            await stalled.DisposeAsync();
            await EventuallyAsync(() => Task.FromResult(Feeds.SubscribersOf(province) == readers), "the stuck client has left");
        }
        finally
        {
            await stalled.DisposeAsync();
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }

        static async Task<bool> StaysAsync(Func<bool> condition)
        {
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(100);
                if (!condition())
                {
                    return false;
                }
            }

            return true;
        }
    }

    [Fact]
    public void A_client_that_never_reads_holds_only_the_latest_snapshot_and_a_bounded_backlog()
    {
        var subscriber = new LiveSubscriber("75", 2026, backlog: 8);
        for (var version = 1; version <= 10_000; version++)
        {
            var scores = new UnitScores("75", "Đồng Nai", 2026, version, DateTimeOffset.UnixEpoch, default!, default!);
            var activity = new Domain.UnitActivity("26278", null, 2026, 0, 0, 1, 0, 0);
            subscriber.Offer(new UnitChange("75", version, [scores], [activity], [], [], scores.Year));
        }

        Assert.Equal(8 + 1, subscriber.Pending);
        Assert.Equal(10_000 - 8, subscriber.DroppedActivity);
        var (latest, backlog) = subscriber.Take();
        Assert.Equal(10_000, latest!.Version);
        Assert.Equal(8, backlog.Count);
        Assert.Equal(10_000, backlog[^1].Version);

        // An older snapshot offered later (a slow fetch) never replaces what the client already has.
        subscriber.Offer(new UnitScores("75", "Đồng Nai", 2026, 42, DateTimeOffset.UnixEpoch, default!, default!));
        Assert.Null(subscriber.Take().Scores);
    }

    [Theory]
    [InlineData("/api/units/99999/live", HttpStatusCode.NotFound, "unit_not_found")]
    [InlineData("/api/units/VN/live?year=2020", HttpStatusCode.NotFound, "year_not_scored")]
    [InlineData("/api/units/VN/live?year=1990", HttpStatusCode.BadRequest, "year_out_of_range")]
    [InlineData("/api/units/x%20y/live", HttpStatusCode.BadRequest, "malformed_unit_code")]
    [InlineData("/api/units/VN/live?year=abc", HttpStatusCode.BadRequest, "malformed_request")]
    public async Task Bad_requests_are_problems_before_any_stream_starts(string url, HttpStatusCode status, string code)
    {
        var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);

        await Problem.AssertAsync(response, status, code);
        Assert.Equal(0, Feeds.SubscribersOf("99999"));
    }

    [Fact]
    public async Task The_upstream_watch_is_shared_and_dropped_when_the_last_subscriber_leaves()
    {
        // A unit no test reads through GET …/scores: reads hold a watch of their own (ScoresCacheTests).
        var unit = TestData.FreshCommune();
        var streams = new List<SseStream>();
        for (var i = 0; i < 3; i++)
        {
            var stream = await SseStream.OpenAsync(_http, $"/api/units/{unit}/live");
            await stream.NextAsync(e => e.Event == "scores", Patience, "a snapshot on connect");
            streams.Add(stream);
        }

        Assert.Equal(3, Feeds.SubscribersOf(unit));
        Assert.Equal(1, await Unit(unit).GetWatcherCountAsync());

        await streams[0].DisposeAsync();
        await streams[1].DisposeAsync();
        await EventuallyAsync(() => Task.FromResult(Feeds.SubscribersOf(unit) == 1), "two subscribers have left");
        Assert.Equal(1, await Unit(unit).GetWatcherCountAsync());

        await streams[2].DisposeAsync();
        await EventuallyAsync(() => Task.FromResult(Feeds.SubscribersOf(unit) == 0), "the last subscriber has left");
        await EventuallyAsync(async () => await Unit(unit).GetWatcherCountAsync() == 0, "the unit has no watcher left");
    }
}
